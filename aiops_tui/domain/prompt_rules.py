"""Rules for saving and promoting prompt versions, apart from any screen or database.

Two rules live here so the form, the store and the CLI apply the same ones:

* which data classes a prompt may not contain (the safety scan refuses those);
* the promotion checklist a founder ticks in place of a second approver.

Pure: no Textual, no SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aiops_tui.domain.models import DataClassName, DataPolicy
from aiops_tui.domain.safety import Finding


def forbidden_classes(
    policies: Mapping[DataClassName, DataPolicy], allowed: Iterable[DataClassName] | None
) -> set[DataClassName]:
    """The data classes a prompt must not contain.

    A class is forbidden when the global policy forbids it, or when the prompt
    belongs to a workflow (`allowed` is its allowed data) that does not list a
    class whose policy is not plainly 'allowed' (needs approval: the workflow
    is where that approval is written down). A prompt without a workflow
    (`allowed` is None) is held to the global policy only; its other findings
    are warnings.
    """
    result = {DataClassName(n) for n, p in policies.items() if str(p) == DataPolicy.FORBIDDEN}
    if allowed is not None:
        listed = {DataClassName(a) for a in allowed}
        result |= {
            DataClassName(n)
            for n, p in policies.items()
            if str(p) != DataPolicy.ALLOWED and DataClassName(n) not in listed
        }
    return result


def describe(finding: Finding) -> str:
    """One finding in words, with the masked excerpt (never the secret itself)."""
    kind = finding.kind.replace("_", " ")
    return f"{kind} ({finding.data_class}) on line {finding.line}: {finding.excerpt}"


def describe_all(findings: Iterable[Finding], limit: int = 5) -> str:
    items = list(findings)
    lines = [describe(f) for f in items[:limit]]
    if len(items) > limit:
        lines.append(f"and {len(items) - limit} more")
    return "; ".join(lines)


CHECKLIST: tuple[tuple[str, str], ...] = (
    ("note", "The change note says what changed and why"),
    ("tried", "Tried on real inputs"),
    ("reviewer", "The workflow's reviewer agrees"),
)
"""(key, text) of the promotion checklist; a founder has no second approver."""


def promotion_why(ticked: Iterable[str], reason: str, rollback: bool = False) -> str:
    """What goes into the label history for a promotion, or ValueError if not allowed.

    Every line ticked is enough for a promotion; otherwise the reason for
    overriding is required. A rollback always needs a reason (why go back?).
    """
    done = set(ticked)
    unknown = done - {key for key, _ in CHECKLIST}
    if unknown:
        raise ValueError(f"unknown checklist line: {', '.join(sorted(unknown))}")
    missing = [key for key, _ in CHECKLIST if key not in done]
    reason = " ".join(reason.split())
    if rollback and not reason:
        raise ValueError("a rollback needs a reason: say what went wrong")
    if missing and not reason:
        raise ValueError("tick every line of the checklist or give a reason for overriding it")
    parts = []
    if rollback:
        parts.append(f"rollback: {reason}")
    elif reason:
        parts.append(reason)
    if missing:
        parts.append("override, not ticked: " + ", ".join(missing))
    else:
        parts.append("checklist ticked")
    return "; ".join(parts)

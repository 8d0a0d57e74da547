"""Which data classes a workflow may not carry, and the flags a review item gets for them.

A draft queued for review is scanned once, at intake: if its input or output
holds data the workflow is not cleared for (an API key, a customer's phone
number), the queue shows it before anyone copies the draft anywhere. Pure:
no Textual, no SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aiops_tui.domain.models import DataClassName, DataPolicy
from aiops_tui.domain.safety import forbidden_findings, scan

MAX_FLAGS = 20
"""A draft full of e-mail addresses needs one look, not a thousand flags."""


def forbidden_classes(
    allowed: Iterable[DataClassName], policies: Mapping[DataClassName, DataPolicy]
) -> set[DataClassName]:
    """Classes the workflow may not use.

    Forbidden everywhere by the global policy; otherwise forbidden for this
    workflow when it does not list the class as allowed and the global policy
    does not allow it outright (needs approval means: approved per workflow).
    """
    listed = {DataClassName(name) for name in allowed}
    result: set[DataClassName] = set()
    for name in DataClassName:
        policy = policies.get(name, DataPolicy.NEEDS_APPROVAL)
        if policy == DataPolicy.FORBIDDEN or (name not in listed and policy != DataPolicy.ALLOWED):
            result.add(name)
    return result


def data_flags(texts: Mapping[str, str], forbidden: set[DataClassName]) -> list[str]:
    """One line per finding of a forbidden class, e.g. 'credentials: api_key, output line 3'.

    `texts` maps a part's name (input, output) to its text. Excerpts are never
    included: the flag must not repeat the secret it warns about.
    """
    if not forbidden:
        return []
    flags: list[str] = []
    seen: set[str] = set()
    for part, text in texts.items():
        for finding in forbidden_findings(scan(text), forbidden):
            flag = f"{finding.data_class}: {finding.kind}, {part} line {finding.line}"
            if flag in seen:
                continue
            if len(flags) >= MAX_FLAGS:  # a further flag exists: say so, list no more
                flags.append("… more not listed")
                return flags
            seen.add(flag)
            flags.append(flag)
    return flags

"""Governance rules that do not need the database.

Kept pure so the form, the CLI, `aiops check` and the export all apply the same
rule with the same wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

EXEMPT_STATUSES = {"shadow", "retired"}
HIGH_RISK = "high"
"""The risk level that makes review mandatory (as customer-facing work does)."""
ALWAYS = "always"
"""The review rule mandatory review needs: every output reviewed."""

Name = TypeVar("Name", bound=str)


class Governed(Protocol):
    """What the review policy reads of a workflow (models.Workflow has it all).

    A protocol, not the model: the model validates itself with these rules, so
    this module must not import it.
    """

    @property
    def status(self) -> str: ...
    @property
    def customer_facing(self) -> bool: ...
    @property
    def risk(self) -> str: ...
    @property
    def review_rule(self) -> str: ...
    @property
    def signoff_id(self) -> int | None: ...


def requires_review(customer_facing: bool, risk: str) -> bool:
    """Customer-facing or high-risk work must always be reviewed and signed off.

    storage/rules_sql.py writes the same rule as SQL (NEEDS_REVIEW), from these
    constants; a unit test proves the two agree.
    """
    return bool(customer_facing) or str(risk) == HIGH_RISK


def review_reasons(customer_facing: bool, risk: str) -> list[str]:
    """Why review is mandatory, in the words every screen and document uses."""
    reasons = [("customer-facing", bool(customer_facing)), ("high-risk", str(risk) == HIGH_RISK)]
    return [reason for reason, applies in reasons if applies]


def signed_off(review_rule: str, signoff_id: int | None) -> bool:
    """Mandatory review is in place: every output reviewed, and a named person signs off."""
    return str(review_rule).strip() == ALWAYS and signoff_id is not None


def policy_gap(customer_facing: bool, risk: str, review_rule: str, signoff_id: int | None) -> str:
    """The dashboard's and `aiops check`'s one line for a workflow breaking the policy
    ("" when it does not), e.g. "high-risk: review rule is none, no sign-off person"."""
    if not requires_review(customer_facing, risk) or signed_off(review_rule, signoff_id):
        return ""
    gaps = []
    if str(review_rule).strip() != ALWAYS:
        gaps.append(f"review rule is {review_rule}")
    if signoff_id is None:
        gaps.append("no sign-off person")
    return f"{review_reasons(customer_facing, risk)[0]}: {', '.join(gaps)}"


def policy_violations(workflow: Governed) -> list[str]:
    """Reasons the workflow breaks the review policy, in words a founder reads.

    Shadow and retired workflows are exempt: a shadow find must be recordable
    as it is (it then shows up as a policy gap), and retired work runs no more.
    """
    return [
        message
        for _, message in policy_field_problems(
            str(workflow.status),
            workflow.customer_facing,
            str(workflow.risk),
            workflow.review_rule,
            workflow.signoff_id,
        )
    ]


def policy_field_problems(
    status: str, customer_facing: bool, risk: str, review_rule: str, signoff_id: int | None
) -> list[tuple[str, str]]:
    """The same rule as `policy_violations`, each reason paired with the field to fix.

    The workflow form uses it to show the refusal beside `review_rule` and
    `signoff_id` instead of as one line at the top.
    """
    if str(status) in EXEMPT_STATUSES:
        return []
    if not requires_review(customer_facing, risk):
        return []
    why = review_reasons(customer_facing, risk)[0]
    problems = []
    if str(review_rule).strip() != ALWAYS:
        problems.append(
            ("review_rule", f"review rule must be 'always' because the workflow is {why}")
        )
    if signoff_id is None:
        problems.append(
            ("signoff_id", f"a sign-off person is required because the workflow is {why}")
        )
    return problems


def forbidden_data(allowed: Iterable[Name], policies: Mapping[Name, str]) -> list[str]:
    """Data classes a workflow lists as allowed although the policy forbids them."""
    return [str(name) for name in allowed if str(policies.get(name, "")) == "forbidden"]


def forbidden_data_problem(allowed: Iterable[Name], policies: Mapping[Name, str]) -> str:
    """The refusal for allowed data the policy forbids ("" when there is none): the
    workflow form shows it beside the field, the store raises it."""
    bad = forbidden_data(allowed, policies)
    if not bad:
        return ""
    return f"the data policy forbids AI use of {', '.join(bad)}; remove it from allowed data"

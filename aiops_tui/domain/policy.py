"""Governance rules that do not need the database.

Kept pure so the form, the CLI, `aiops check` and the export all apply the same
rule with the same wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

EXEMPT_STATUSES = {"shadow", "retired"}

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
    """Customer-facing or high-risk work must always be reviewed and signed off."""
    return bool(customer_facing) or str(risk) == "high"


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
    why = "customer-facing" if customer_facing else "high-risk"
    problems = []
    if str(review_rule).strip() != "always":
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

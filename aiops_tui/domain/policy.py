"""Governance rules that do not need the database.

Kept pure so the form, the CLI, `aiops check` and the export all apply the same
rule with the same wording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiops_tui.models import DataClassName, DataPolicy, Workflow

EXEMPT_STATUSES = {"shadow", "retired"}


def requires_review(customer_facing: bool, risk: str) -> bool:
    """Customer-facing or high-risk work must always be reviewed and signed off."""
    return bool(customer_facing) or str(risk) == "high"


def policy_violations(workflow: Workflow) -> list[str]:
    """Reasons the workflow breaks the review policy, in words a founder reads.

    Shadow and retired workflows are exempt: a shadow find must be recordable
    as it is (it then shows up as a policy gap), and retired work runs no more.
    """
    if str(workflow.status) in EXEMPT_STATUSES:
        return []
    if not requires_review(workflow.customer_facing, workflow.risk):
        return []
    why = "customer-facing" if workflow.customer_facing else "high-risk"
    problems = []
    if workflow.review_rule != "always":
        problems.append(f"review rule must be 'always' because the workflow is {why}")
    if workflow.signoff_id is None:
        problems.append(f"a sign-off person is required because the workflow is {why}")
    return problems


def forbidden_data(
    allowed: list[DataClassName], policies: dict[DataClassName, DataPolicy]
) -> list[str]:
    """Data classes a workflow lists as allowed although the policy forbids them."""
    return [str(name) for name in allowed if str(policies.get(name, "")) == "forbidden"]

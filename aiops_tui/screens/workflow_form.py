"""Add or edit a workflow: every field of DESIGN.md in one modal form.

The review policy and the data policy are checked before saving so the
refusal appears beside the field to fix (`review_rule`, `signoff_id`,
`allowed_data`) with the reason, not as one line at the top.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from aiops_tui.domain.lifecycle import allowed_next
from aiops_tui.domain.models import Area, DataClassName, Direction, Risk, Status, Workflow
from aiops_tui.domain.policy import forbidden_data_problem, policy_field_problems
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen

ROLE_FIELDS: list[tuple[str, str]] = [
    ("owner_id", "Owner (systems owner)"),
    ("builder_id", "Builder"),
    ("reviewer_id", "Reviewer (subject-matter)"),
    ("doc_owner_id", "Doc owner"),
]

POLICY_HELP = (
    "Customer-facing or high-risk work must use 'always' and name a sign-off person."
    " Otherwise 'none' or 'sample:N' (N percent of outputs reviewed)."
)


def status_options(current: Status | None) -> list[tuple[str, str]]:
    """A new workflow may start anywhere but retired; an existing one follows the lifecycle."""
    if current is None:
        return [(s.value, s.value) for s in Status if s != Status.RETIRED]
    return [(str(current), str(current))] + [(s, s) for s in allowed_next(str(current))]


class WorkflowForm(FormScreen[Workflow]):
    def __init__(self, store: Store, workflow: Workflow | None = None) -> None:
        super().__init__()
        self.store = store
        self.workflow = workflow
        self.title = f"Edit {workflow.name}" if workflow else "Add a workflow"

    def fields(self) -> list[FormField]:
        wf = self.workflow or Workflow.model_construct(name="")
        people = [
            (name, pid) for pid, name in sorted(self.store.people.names().items(), key=_by_name)
        ]
        policies = self.store.data_classes.policies()
        data_options = [
            (f"{name.value}  ({str(policies.get(name, '?')).replace('_', ' ')})", name.value)
            for name in DataClassName
        ]
        tool_options = [
            (f"{row.tool.name}  ({row.tool.category})", row.tool.id)
            for row in self.store.tools.all_rows()
        ]
        tools = self.store.workflows.tool_ids(wf.id) if wf.id else []
        m = wf.metric
        return [
            FormField("name", "Name", value=wf.name, placeholder="e.g. Weekly investor update"),
            FormField("summary", "Summary", "textarea", value=wf.summary),
            FormField("area", "Area", "select", wf.area.value, _enum(Area), allow_blank=False),
            FormField(
                "status",
                "Status",
                "select",
                wf.status.value,
                status_options(self.workflow.status if self.workflow else None),
                allow_blank=False,
                help="Status changes follow the lifecycle (t on the list offers the next steps).",
            ),
            *[
                FormField(name, label, "select", getattr(wf, name), people)
                for name, label in ROLE_FIELDS
            ],
            FormField(
                "frequency_per_month",
                "Frequency (times a month)",
                "int",
                wf.frequency_per_month,
                help="Priority = frequency x structure x value.",
            ),
            FormField(
                "structure",
                "Structure (1 ad hoc .. 5 fixed steps)",
                "select",
                wf.structure,
                _scale(),
                allow_blank=False,
            ),
            FormField(
                "value",
                "Value (1 little .. 5 a lot)",
                "select",
                wf.value,
                _scale(),
                allow_blank=False,
            ),
            FormField("risk", "Risk", "select", wf.risk.value, _enum(Risk), allow_blank=False),
            FormField("customer_facing", "Customer-facing", "bool", wf.customer_facing),
            FormField(
                "review_rule",
                "Review rule",
                value=wf.review_rule,
                placeholder="always, none or sample:20",
                help=POLICY_HELP,
            ),
            FormField("signoff_id", "Sign-off person", "select", wf.signoff_id, people),
            FormField(
                "allowed_data",
                "Allowed data (space toggles)",
                "multiselect",
                [d.value for d in wf.allowed_data],
                data_options,
                help="A class the data policy forbids cannot be allowed here.",
            ),
            FormField("tools", "Tools", "multiselect", tools, tool_options),
            FormField("current_state", "Current state (Markdown)", "textarea", wf.current_state),
            FormField("target_state", "Target state (Markdown)", "textarea", wf.target_state),
            FormField("metric.name", "Success metric", value=m.name, placeholder="Reply rate"),
            FormField("metric.unit", "Metric unit", value=m.unit, placeholder="%"),
            FormField("metric.baseline", "Baseline", "float", m.baseline),
            FormField("metric.target", "Target", "float", m.target),
            FormField(
                "metric.direction",
                "Better is",
                "select",
                m.direction.value,
                _enum(Direction),
                allow_blank=False,
            ),
            FormField(
                "max_review_age_days",
                "Max days a review item may wait",
                "int",
                wf.max_review_age_days,
            ),
        ]

    def precheck(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """Policy refusals tied to the field that must change."""
        problems = policy_field_problems(
            str(values.get("status") or ""),
            bool(values.get("customer_facing")),
            str(values.get("risk") or ""),
            str(values.get("review_rule") or ""),
            values.get("signoff_id"),
        )
        forbidden = forbidden_data_problem(
            [DataClassName(d) for d in values.get("allowed_data") or []],
            self.store.data_classes.policies(),
        )
        if forbidden:
            problems.append(("allowed_data", forbidden))
        return problems

    def action_save(self) -> None:
        problems = self.precheck(self.values())
        if problems:
            self.show_errors(problems)
            return
        super().action_save()

    def submit(self, values: dict[str, Any]) -> Workflow:
        tool_ids = [int(t) for t in values.pop("tools", [])]
        if self.workflow is None:
            saved = self.store.workflows.add(Workflow.model_validate(values))
        else:
            base = self.workflow.model_dump()
            wf = Workflow.model_validate({**base, **values})
            saved = self.store.workflows.update(wf)
        self.store.tools.set_links(saved.id or 0, tool_ids)
        return saved


def _by_name(item: tuple[int, str]) -> str:
    return item[1].lower()


def _enum(kind: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in kind]


def _scale() -> list[tuple[str, int]]:
    return [(str(n), n) for n in range(1, 6)]

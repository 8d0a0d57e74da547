"""Add or edit a workflow: every field of DESIGN.md, in four tabs that fit 80x24.

The review policy and the data policy are checked before saving so the
refusal appears beside the field to fix (`review_rule`, `signoff_id`,
`allowed_data`) with the reason, not as one line at the top.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from aiops_tui.domain.lifecycle import allowed_next
from aiops_tui.domain.models import (
    Area,
    DataClassName,
    Direction,
    Risk,
    Status,
    Workflow,
    parse_review_rule,
)
from aiops_tui.domain.policy import forbidden_data_problem, policy_field_problems
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen, describe_validation

ROLE_FIELDS: list[tuple[str, str]] = [
    ("owner_id", "Owner (systems owner)"),
    ("builder_id", "Builder"),
    ("reviewer_id", "Reviewer (subject-matter)"),
    ("doc_owner_id", "Doc owner"),
]

POLICY_HELP = "Customer-facing or high-risk work: 'always', and a sign-off person."

SECTIONS = ("Workflow", "People & review", "Data & tools", "Plan & metric")

REVIEW_KINDS: list[tuple[str, str]] = [
    ("always: every output", "always"),
    ("sample: a percentage of outputs", "sample"),
    ("none", "none"),
]


def _rule_parts(rule: str) -> tuple[str, int | None]:
    """'sample:20' -> ('sample', 20); 'always' -> ('always', None)."""
    kind, _, percent = str(rule or "none").partition(":")
    return kind, int(percent) if percent.isdigit() else None


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
        kind, percent = _rule_parts(wf.review_rule)
        about, people_review, data_tools, plan = SECTIONS
        return [
            FormField(
                "name",
                "Name",
                value=wf.name,
                placeholder="e.g. Weekly investor update",
                section=about,
            ),
            FormField("summary", "Summary", "textarea", value=wf.summary, section=about),
            FormField(
                "area",
                "Area",
                "select",
                wf.area.value,
                _enum(Area),
                allow_blank=False,
                section=about,
            ),
            FormField(
                "status",
                "Status",
                "select",
                wf.status.value,
                status_options(self.workflow.status if self.workflow else None),
                allow_blank=False,
                section=about,
            ),
            FormField(
                "risk",
                "Risk",
                "select",
                wf.risk.value,
                _enum(Risk),
                allow_blank=False,
                section=about,
            ),
            FormField(
                "customer_facing", "Customer-facing", "bool", wf.customer_facing, section=about
            ),
            FormField(
                "frequency_per_month",
                "Times a month",
                "int",
                wf.frequency_per_month,
                section=about,
            ),
            FormField(
                "structure",
                "Structure (1 ad hoc..5)",
                "select",
                wf.structure,
                _scale(),
                allow_blank=False,
                help="Priority = times a month x structure x value.",
                section=about,
            ),
            FormField(
                "value",
                "Value (1 little..5 a lot)",
                "select",
                wf.value,
                _scale(),
                allow_blank=False,
                section=about,
            ),
            *[
                FormField(name, label, "select", getattr(wf, name), people, section=people_review)
                for name, label in ROLE_FIELDS
            ],
            FormField(
                "review_rule",
                "Review rule",
                "select",
                kind,
                REVIEW_KINDS,
                allow_blank=False,
                help=POLICY_HELP,
                section=people_review,
            ),
            FormField(
                "review_sample",
                "Sample: percent reviewed",
                "int",
                percent,
                placeholder="1-100, for a sample rule",
                section=people_review,
            ),
            FormField(
                "signoff_id",
                "Sign-off person",
                "select",
                wf.signoff_id,
                people,
                section=people_review,
            ),
            FormField(
                "max_review_age_days",
                "Max days an item waits",
                "int",
                wf.max_review_age_days,
                section=people_review,
            ),
            FormField(
                "allowed_data",
                "Allowed data (space ticks)",
                "multiselect",
                [d.value for d in wf.allowed_data],
                data_options,
                help="A class the data policy forbids cannot be allowed here.",
                section=data_tools,
            ),
            FormField(
                "tools",
                "Tools (space ticks)",
                "multiselect",
                tools,
                tool_options,
                section=data_tools,
            ),
            FormField(
                "current_state",
                "Current state (Markdown)",
                "textarea",
                wf.current_state,
                section=plan,
            ),
            FormField(
                "target_state", "Target state (Markdown)", "textarea", wf.target_state, section=plan
            ),
            FormField(
                "metric.name",
                "Success metric",
                value=m.name,
                placeholder="Reply rate",
                section=plan,
            ),
            FormField("metric.unit", "Metric unit", value=m.unit, placeholder="%", section=plan),
            FormField("metric.baseline", "Baseline", "float", m.baseline, section=plan),
            FormField("metric.target", "Target", "float", m.target, section=plan),
            FormField(
                "metric.direction",
                "Better is",
                "select",
                m.direction.value,
                _enum(Direction),
                allow_blank=False,
                section=plan,
            ),
        ]

    def values(self) -> dict[str, Any]:
        """The rule's kind and sample percent, joined into the model's one `review_rule`."""
        values = super().values()
        kind = values.get("review_rule") or "none"
        percent = values.pop("review_sample", None)
        values["review_rule"] = f"sample:{percent or ''}" if kind == "sample" else kind
        return values

    def error_field(self, name: str) -> str:
        """A sample rule's bad or missing percent is shown beside the percent box."""
        if name != "review_rule" or self.raw(self.field("review_rule")) != "sample":
            return name
        try:
            parse_review_rule(self.values()["review_rule"])
        except ValueError:
            return "review_sample"
        return name

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
        """Policy refusals are shown with the model's own, so the focus goes to the first."""
        problems = self.typing_problems()
        if not problems:
            values = self.values()
            problems = self.precheck(values)
            if problems:
                try:
                    self._model({k: v for k, v in values.items() if k != "tools"})
                except ValidationError as error:
                    problems = describe_validation(error) + problems
        if problems:
            self.show_errors(problems)
            return
        super().action_save()

    def _model(self, values: dict[str, Any]) -> Workflow:
        if self.workflow is None:
            return Workflow.model_validate(values)
        return Workflow.model_validate({**self.workflow.model_dump(), **values})

    def submit(self, values: dict[str, Any]) -> Workflow:
        tool_ids = [int(t) for t in values.pop("tools", [])]
        with self.store.one_change():  # ctrl+z undoes the edit and its tools together
            if self.workflow is None:
                saved = self.store.workflows.add(self._model(values))
            else:
                saved = self.store.workflows.update(self._model(values))
            self.store.tools.set_links(saved.id or 0, tool_ids)
        return saved


def _by_name(item: tuple[int, str]) -> str:
    return item[1].lower()


def _enum(kind: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in kind]


def _scale() -> list[tuple[str, int]]:
    return [(str(n), n) for n in range(1, 6)]

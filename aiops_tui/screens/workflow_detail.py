"""One workflow in full: roles, policy, metric, states, prompts, reviews, history.

Pushed over the Workflows screen; `escape` goes back to the list.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Markdown, Static

from aiops_tui.domain.drift import detect_drift, trend_label
from aiops_tui.domain.models import MetricEntry, Workflow
from aiops_tui.domain.outcomes import outcomes, with_unit
from aiops_tui.domain.policy import policy_violations
from aiops_tui.domain.scoring import PriorityParts
from aiops_tui.domain.words import plural
from aiops_tui.screens.metric_form import MetricForm
from aiops_tui.screens.workflow_actions import WorkflowActions
from aiops_tui.storage.reviews import ReviewFilter
from aiops_tui.widgets.badges import risk_text, status_text, yes_no
from aiops_tui.widgets.fast_table import FastTable
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.metric_panel import goal_sparkline
from aiops_tui.widgets.safe_text import display_safe, safe_block, safe_cell
from aiops_tui.widgets.title_bar import TitleBar


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


class WorkflowDetailScreen(WorkflowActions):
    STYLES = "workflow_detail.tcss"
    HELP = (
        "Everything about one workflow. `e` edits it, `t` changes its status, `x` marks it"
        " reviewed today, `m` records a metric value. escape goes back to the list."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="workflow.back"),
        Binding("e", "edit", "Edit", id="workflow.edit"),
        Binding("t", "change_status", "Status", id="workflow.status"),
        Binding("x", "mark_reviewed", "Reviewed", id="workflow.reviewed"),
        Binding("m", "add_metric", "Metric entry", id="workflow.metric"),
    ]

    def __init__(self, workflow_id: int) -> None:
        super().__init__()
        self.workflow_id = workflow_id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="detail"):
            yield Static(id="facts")
            yield Static(id="metric-title", classes="section")
            yield Static(id="metric-spark")
            yield FastTable(id="metric-table", cursor_type="none", zebra_stripes=True)
            yield Static("Outcomes, counted from reviews and tools", classes="section")
            yield FastTable(id="outcome-table", cursor_type="none", zebra_stripes=True)
            yield FastTable(id="version-table", cursor_type="none", zebra_stripes=True)
            yield Static("Current state", classes="section")
            yield Markdown(id="current-state")
            yield Static("Target state", classes="section")
            yield Markdown(id="target-state")
            yield Static(id="prompts-title", classes="section")
            yield FastTable(id="prompt-table", cursor_type="none", zebra_stripes=True)
            yield Static(id="reviews-title", classes="section")
            yield FastTable(id="review-table", cursor_type="none", zebra_stripes=True)
            yield Static("Change history", classes="section")
            yield FastTable(id="history-table", cursor_type="none", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Narrow, the notes and descriptions shrink (cut with "…") before anything drops.
        columns: dict[str, list[tuple[str, int | None, int]]] = {
            "metric-table": [
                ("Date", None, 9),
                ("Value", None, 8),
                ("vs baseline", None, 5),
                ("vs target", None, 5),
                ("Note", 8, 1),
            ],
            "outcome-table": [
                ("Outcome", 12, 9),
                ("Value", None, 8),
                ("Trend", None, 5),
                ("How it is counted, or what to do", 16, 1),
            ],
            "version-table": [
                ("Prompt version", 14, 9),
                ("First-time approval", 9, 8),
                ("Rework", None, 7),
                ("Time to decision", 8, 6),
                ("Items", None, 5),
            ],
            "prompt-table": [
                ("Prompt", 12, 9),
                ("Production", None, 8),
                ("Versions", None, 3),
                ("Last change", 16, 5),
            ],
            "review-table": [
                ("Item", 14, 9),
                ("Submitted", None, 6),
                ("Sign-off", None, 7),
                ("Ageing", None, 8),
            ],
            "history-table": [("When", None, 9), ("Who", 8, 5), ("What", 16, 8)],
        }
        for table_id, specs in columns.items():
            table = self.query_one(f"#{table_id}", FastTable)
            for label, min_width, priority in specs:
                table.add_column(label, min_width=min_width, priority=priority)
        self.refresh_data()
        self.query_one("#detail").focus()

    def current_workflow(self) -> Workflow | None:
        return self.store.workflows.get(self.workflow_id)

    def action_back(self) -> None:
        self.dismiss()

    def action_add_metric(self) -> None:
        wf = self.current_workflow()
        if wf is None:
            return

        def done(entry: MetricEntry | None) -> None:
            if entry is not None:
                name = entry.series or wf.metric.name
                self.notify(f"Recorded {display_safe(name)} = {entry.value:g}.", markup=False)
                self.refresh_data()

        self.app.push_screen(MetricForm(self.store, wf), done)

    # -- drawing ---------------------------------------------------------------
    def refresh_data(self) -> None:
        wf = self.current_workflow()
        if wf is None:
            self.query_one("#facts", Static).update("This workflow no longer exists.")
            return
        self.sub_title = display_safe(wf.name)
        self.query_one("#facts", Static).update(self._facts(wf))
        self._metric(wf)
        self._outcomes(wf)
        self.query_one("#current-state", Markdown).update(
            safe_block(wf.current_state) or "_not written yet_"
        )
        self.query_one("#target-state", Markdown).update(
            safe_block(wf.target_state) or "_not written yet_"
        )
        self._prompts(wf)
        self._reviews(wf)
        self._history(wf)

    def _facts(self, wf: Workflow) -> Group:
        names = self.store.people.names()

        def who(person_id: int | None) -> Text:
            if person_id is None:
                return Text("nobody", style="bold red")
            return safe_cell(names.get(person_id, f"#{person_id}"))

        parts = PriorityParts(wf.frequency_per_month, wf.structure, wf.value)
        tools = self.store.tools.for_workflow(wf.id or 0)
        gaps = policy_violations(wf)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_row("Summary", safe_cell(wf.summary or "-"), "Area", str(wf.area))
        grid.add_row("Status", status_text(str(wf.status)), "Risk", risk_text(str(wf.risk)))
        grid.add_row("Owner", who(wf.owner_id), "Builder", who(wf.builder_id))
        grid.add_row("Reviewer", who(wf.reviewer_id), "Doc owner", who(wf.doc_owner_id))
        grid.add_row(
            "Review rule",
            safe_cell(wf.review_rule),
            "Sign-off",
            who(wf.signoff_id) if wf.signoff_id or gaps else Text("-"),
        )
        grid.add_row(
            "Customer-facing",
            yes_no(wf.customer_facing),
            "Max review wait",
            plural(wf.max_review_age_days, "day"),
        )
        grid.add_row(
            "Priority", parts.explain(), "Last reviewed", str(wf.last_reviewed_at or "never")
        )
        grid.add_row(
            "Allowed data",
            ", ".join(str(d) for d in wf.allowed_data) or "none listed",
            "Tools",
            safe_cell(", ".join(t.name for t in tools) or "none"),
        )
        if gaps:
            grid.add_row("Policy gap", Text("; ".join(gaps), style="bold red"), "", "")
        return Group(Text(display_safe(wf.name), style="bold"), grid)

    def _metric(self, wf: Workflow) -> None:
        m = wf.metric
        series = self.store.metrics.series_of(wf.id or 0)
        entries = self.store.metrics.recent(wf.id or 0, limit=12) if m.defined else []
        values = [e.value for e in entries]
        head = Text()
        if m.defined:
            unit = f" ({m.unit})" if m.unit.strip() else ""
            head.append(f"Success metric: {display_safe(m.name)}{display_safe(unit)}", "bold")
            head.append(
                f"  baseline {_num(m.baseline)} → target {_num(m.target)}, {m.direction} is better"
            )
        else:
            head.append("Success metric: none defined (e sets one)", "bold")
        spark = goal_sparkline(values, m.baseline, m.target)
        line = Text()
        if spark is not None:
            line.append_text(spark)
            line.append("  ")
        if values:
            latest = with_unit(values[-1], m.unit)
            line.append(f"latest {display_safe(latest)} on {entries[-1].date.isoformat()}, ")
            line.append(trend_label(values, m.direction))
            drift = detect_drift(values, m.baseline, m.target, m.direction)
            if drift:
                line.append(f"\ndrift: {drift}", style="bold red")
        elif m.defined:
            line.append("No values recorded yet.")
        line.append("  (m adds a value)", style="dim")
        for extra in (s for s in series if not s.primary):
            recent = self.store.metrics.recent(wf.id or 0, extra.name, limit=12)
            got = [e.value for e in recent]
            line.append(f"\n{display_safe(extra.title)}: ")
            if got:
                line.append(f"latest {display_safe(with_unit(got[-1], extra.unit))}, ")
                line.append(trend_label(got, extra.direction))
            else:
                line.append("no values yet", style="dim")
        self.query_one("#metric-title", Static).update(head)
        self.query_one("#metric-spark", Static).update(line)
        table = self.query_one("#metric-table", DataTable)
        table.clear()
        for entry in reversed(entries[-6:]):
            table.add_row(
                entry.date.isoformat(),
                Text(f"{entry.value:g}", justify="right"),
                _delta(entry.value, m.baseline),
                _delta(entry.value, m.target),
                safe_cell(entry.note),
            )
        table.display = bool(entries)

    def _outcomes(self, wf: Workflow) -> None:
        today = self.store.clock().date()
        counts = self.store.outcomes.for_workflows([wf.id or 0], today)[wf.id or 0]
        table = self.query_one("#outcome-table", DataTable)
        table.clear()
        for outcome in outcomes(counts):
            drift = outcome.drift
            trend = Text(f"drift: {drift}" if drift else outcome.trend)
            if drift:
                trend.stylize("bold red")
            table.add_row(
                outcome.label,
                Text(outcome.value or "not measured", style="" if outcome.value else "dim"),
                trend,
                outcome.detail,
            )
        versions = self.store.outcomes.for_versions(wf.id or 0, today)
        vtable = self.query_one("#version-table", DataTable)
        vtable.clear()
        for version in versions:
            cells = {o.key: o.value or "-" for o in outcomes(version.counts, per_version=True)}
            vtable.add_row(
                safe_cell(f"{version.prompt} v{version.number}"),
                cells["first_time"],
                cells["rework"],
                cells["time_to_decision"],
                str(version.counts.weeks[0].decided if version.counts.weeks else 0),
            )
        vtable.display = bool(versions)

    def _prompts(self, wf: Workflow) -> None:
        rows = self.store.prompts.for_workflow(wf.id or 0)
        self.query_one("#prompts-title", Static).update(f"Prompts ({len(rows)})")
        table = self.query_one("#prompt-table", DataTable)
        table.clear()
        for row in rows:
            table.add_row(
                safe_cell(row.name),
                f"v{row.production_version}" if row.production_version else "none",
                str(row.versions),
                safe_cell(row.last_change_note or ""),
            )
        table.display = bool(rows)

    def _reviews(self, wf: Workflow) -> None:
        flt = ReviewFilter(status="pending", workflow_id=wf.id)
        total = self.store.reviews.count(flt)
        rows = self.store.reviews.page(flt, limit=10)
        more = f", showing {len(rows)}" if total > len(rows) else ""
        self.query_one("#reviews-title", Static).update(f"Open reviews ({total}{more})")
        table = self.query_one("#review-table", DataTable)
        table.clear()
        for row in rows:
            table.add_row(
                safe_cell(row.title),
                row.submitted_at[:16].replace("T", " "),
                yes_no(row.needs_signoff),
                Text("ageing", style="bold red") if row.ageing else Text(""),
            )
        table.display = bool(rows)

    def _history(self, wf: Workflow) -> None:
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for event in self.store.changes.for_workflow(wf.id or 0, limit=20):
            table.add_row(
                event.at.strftime("%Y-%m-%d %H:%M"), safe_cell(event.who), safe_cell(event.summary)
            )


def _delta(value: float, reference: float | None) -> Text:
    if reference is None:
        return Text("-", style="dim")
    diff = value - reference
    return Text(f"{diff:+g}", justify="right")

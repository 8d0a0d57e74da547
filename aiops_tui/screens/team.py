"""Screen 6: people and their roles, tools and their cost, data-class policy."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from aiops_tui.screens.base import AppScreen

POLICY_STYLE = {"allowed": "green", "needs_approval": "yellow", "forbidden": "bold red"}


class TeamScreen(AppScreen):
    HELP = "Who holds which role, which tools cost what, and which data AI may touch."
    CSS_PATH = "team.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="team-tabs"):
            with TabPane("People", id="people-tab"):
                yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Tools", id="tools-tab"):
                yield DataTable(id="tools-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="audit")
            with TabPane("Data classes", id="data-tab"):
                yield DataTable(id="data-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#people-table", DataTable).add_columns(
            "Name", "Email", "Owner", "Builder", "Reviewer", "Doc owner", "Sign-off", "Load"
        )
        self.query_one("#tools-table", DataTable).add_columns(
            "Tool", "Vendor", "Category", "Monthly cost", "Workflows", "Active"
        )
        self.query_one("#data-table", DataTable).add_columns("Data class", "Policy", "About")
        self.refresh_data()

    def refresh_data(self) -> None:
        people = self.query_one("#people-table", DataTable)
        people.clear()
        for person, load in self.store.people.load():
            people.add_row(
                person.name,
                person.email or "",
                *[str(load[r]) for r in ("owner", "builder", "reviewer", "doc_owner", "signoff")],
                str(sum(load.values())),
                key=str(person.id),
            )
        tools = self.query_one("#tools-table", DataTable)
        tools.clear()
        for row in self.store.tools.list():
            t = row.tool
            tools.add_row(
                t.name,
                t.vendor,
                t.category,
                Text(f"{t.monthly_cost:.2f}", justify="right"),
                str(row.workflows),
                Text(
                    str(row.active_workflows), style="bold red" if not row.active_workflows else ""
                ),
                key=str(t.id),
            )
        audit = self.store.tools.audit()
        lines = [
            f"Total {audit.total_monthly_cost:.2f}/month across {audit.active_workflows} active"
            f" workflows ({audit.cost_per_active_workflow:.2f} each)."
        ]
        for category, names in audit.shared_categories:
            lines.append(f"Overlap: {category} has {len(names)} tools ({', '.join(names)}).")
        for tool in audit.unused:
            lines.append(
                f"Unused: {tool.name} costs {tool.monthly_cost:.2f}/month, no active workflow."
            )
        self.query_one("#audit", Static).update("\n".join(lines))
        data = self.query_one("#data-table", DataTable)
        data.clear()
        for dc in self.store.data_classes.list():
            data.add_row(
                str(dc.name),
                Text(str(dc.policy).replace("_", " "), style=POLICY_STYLE[str(dc.policy)]),
                dc.description,
                key=str(dc.name),
            )

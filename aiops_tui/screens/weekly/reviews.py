"""Step 2: pending reviews, decided while reading the draft, with the Review screen's keys.

`y` approve, `c` request changes (with the corrected output), `n` reject open
the same decision form as the queue (review_flow.start_decision, so the same
sign-off rule); after a save the cursor stays on the row, which is now the
next pending item.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Markdown, Static

from aiops_tui.domain.models import Decision, ReviewDecision
from aiops_tui.screens.review_detail import INPUT_MAX, MARKDOWN_MAX, meta_text, rule_text
from aiops_tui.screens.review_flow import DONE, start_decision
from aiops_tui.screens.weekly.base import StepTable, WeeklyStep
from aiops_tui.widgets.safe_text import display_safe, safe_block, safe_cell


class ReviewsStep(WeeklyStep):
    KEY = "reviews"
    TITLE = "Pending reviews"
    INTRO = (
        "The highlighted draft is shown beside the list. y approve, c request changes,"
        " n reject (a note is required for c and n); ctrl+n goes on."
    )
    BINDINGS = [
        Binding("y", "decide('approved')", "Approve", id="weekly.approve"),
        Binding("c", "decide('changes_requested')", "Changes", id="weekly.changes"),
        Binding("n", "decide('rejected')", "Reject", id="weekly.reject"),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="wr-review-body"):
            with Vertical(id="wr-review-list"):
                yield StepTable(id="wr-reviews", cursor_type="row", zebra_stripes=True)
                yield Static(id="wr-revisions")
            with VerticalScroll(id="wr-draft", can_focus=True):
                yield Static(id="wr-draft-head")
                yield Label("AI output", classes="section")
                yield Markdown(id="wr-draft-output")
                yield Label("Input", classes="section")
                yield Static(id="wr-draft-input")

    def on_mount(self) -> None:
        table = self.query_one(StepTable)
        table.add_column("#", width=3, priority=9)
        table.add_column("Item", width=20, min_width=10, priority=9)
        table.add_column("Sign-off", width=8, priority=7)
        table.add_column("Age", width=6, priority=8)

    def decided_ids(self) -> set[int]:
        return {int(d[0]) for d in self.session.done_list("decisions")}

    def fill(self) -> None:
        table = self.query_one(StepTable)
        row = table.cursor_row
        table.clear()
        decided = self.decided_ids()
        for item in self.session.agenda.pending:
            if item.id in decided:
                continue
            table.add_row(
                str(item.id),
                safe_cell(item.title),
                Text("needed", style="yellow") if item.needs_signoff else "",
                Text("ageing", style="bold red") if item.ageing else item.submitted_at[5:10],
                key=str(item.id),
            )
        self.keep_cursor(table, row)
        self.show_draft()
        self.show_revisions()

    def show_revisions(self) -> None:
        """Items whose requested changes have waited too long for a revision."""
        late = self.session.agenda.overdue_revisions
        box = self.query_one("#wr-revisions", Static)
        box.display = bool(late)
        text = Text("Revision overdue (changes requested, none queued):", style="bold yellow")
        for row in late[:5]:
            text.append(f"\n#{row.id} ", style="dim").append(display_safe(row.title))
            text.append(f"  asked {row.submitted_at[:10]}", style="dim")
        if len(late) > 5:
            text.append(f"\n… {len(late) - 5} more (Review, f: changes)", style="dim")
        box.update(text)

    def counts(self) -> tuple[int, int]:
        return len(self.session.done_list("decisions")), self.query_one(StepTable).row_count

    def current_id(self) -> int | None:
        key = self.selected_key()
        return int(key) if key else None

    def show_draft(self) -> None:
        """The highlighted item in full: rule and sign-off, prompt and version, flags, draft."""
        head = self.query_one("#wr-draft-head", Static)
        output = self.query_one("#wr-draft-output", Markdown)
        given = self.query_one("#wr-draft-input", Static)
        item_id = self.current_id()
        item = self.store.reviews.get(item_id) if item_id is not None else None
        ctx = self.store.reviews.context(item_id) if item_id is not None else None
        if item is None or ctx is None:
            head.update(Text("No pending items left.", style="dim"))
            output.update("")
            given.update("")
            return
        text = Text()
        text.append(f"#{item.id} ", style="dim").append(display_safe(item.title), style="bold")
        text.append("\n").append_text(rule_text(ctx, item))
        text.append("\n").append_text(meta_text(ctx, item, self.session.app.user))
        if item.data_flags:
            text.append("\nData check: " + display_safe("; ".join(item.data_flags)), "bold red")
        head.update(text)
        shown = item.output[:MARKDOWN_MAX]
        more = "\n\n…" if len(item.output) > MARKDOWN_MAX else ""
        output.update(safe_block(shown) + more)
        cut = item.input[:INPUT_MAX] + ("…" if len(item.input) > INPUT_MAX else "")
        given.update(Text(safe_block(cut)) if cut else Text("(none given)", style="dim"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "wr-reviews":
            self.show_draft()

    def action_decide(self, decision: str) -> None:
        item_id = self.current_id()
        if item_id is None:
            self.notify("No pending items left: ctrl+n goes on.")
            return
        start_decision(self.screen, item_id, Decision(decision), self._saved)

    def _saved(self, saved: ReviewDecision) -> None:
        table = self.query_one(StepTable)
        title = str(table.get_row(str(saved.item_id))[1]) if table.row_count else ""
        self.session.done_list("decisions").append(
            [saved.item_id, title, str(saved.decision), saved.note, saved.reviewer]
        )
        self.session.save()
        self.fill()  # the same row is now the next pending item
        table.focus()
        left = table.row_count
        after = f" {left} left." if left else " None left: ctrl+n goes on."
        self.notify(f"{DONE[saved.decision]} #{saved.item_id}.{after}", markup=False)

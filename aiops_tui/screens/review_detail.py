"""One review item in full: input, the AI draft as Markdown, the rule, and every decision.

Pushed over the queue with `enter`; `y` / `c` / `n` decide here too, and
after a decision the next pending item replaces this one (auto-advance).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Markdown, Static, TextArea

from aiops_tui.domain.models import Decision, ReviewDecision, ReviewItem
from aiops_tui.domain.policy import review_reasons
from aiops_tui.domain.words import plural
from aiops_tui.screens.base import AppScreen
from aiops_tui.screens.review_flow import DONE, start_decision
from aiops_tui.storage.reviews import ReviewContext, ReviewFilter
from aiops_tui.storage.revisions import ChainLink
from aiops_tui.widgets.badges import review_status_text
from aiops_tui.widgets.keys_bar import KeyFooter
from aiops_tui.widgets.safe_text import display_safe, safe_block
from aiops_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from aiops_tui.screens.store_app import StoreApp

MARKDOWN_MAX = 10_000
"""Drafts up to this length are rendered as Markdown (about a second at this size)."""
PLAIN_MAX = 100_000
"""Longer drafts are shown as plain text, up to here: laying out megabytes would freeze the screen."""
INPUT_MAX = 20_000
CORRECTION_MAX = 4_000


def rule_text(ctx: ReviewContext, item: ReviewItem) -> Text:
    """The workflow's review rule and who signs off, as one line."""
    text = Text()
    text.append("Workflow ", style="dim").append(display_safe(ctx.workflow), style="bold")
    text.append("   review rule ", style="dim").append(display_safe(ctx.review_rule))
    why = review_reasons(ctx.customer_facing, ctx.risk)
    text.append("   sign-off ", style="dim")
    if item.needs_signoff:
        text.append(
            display_safe(ctx.signoff or "NOBODY NAMED"),
            style="bold yellow" if ctx.signoff else "bold red",
        )
        text.append(f" ({', '.join(why) or 'workflow policy'})", style="yellow")
    else:
        text.append("not required")
    return text


def meta_text(ctx: ReviewContext, item: ReviewItem, reviewer: str) -> Text:
    text = Text()
    text.append("Prompt ", style="dim")
    if ctx.prompt:
        text.append(f"{display_safe(ctx.prompt)} v{ctx.prompt_version}")
    else:
        text.append("not recorded", style="dim")
    text.append("   source ", style="dim").append(display_safe(item.source or "-"))
    text.append("   submitted ", style="dim").append(
        item.submitted_at.isoformat(sep=" ", timespec="minutes")
    )
    if ctx.ageing:
        text.append(f"  ageing (over {plural(ctx.max_review_age_days, 'day')})", style="bold red")
    text.append("   deciding as ", style="dim")
    text.append(display_safe(reviewer), style="bold")
    return text


def history_text(decisions: list[ReviewDecision]) -> Text:
    """Every decision, oldest first: the audit trail of this item."""
    if not decisions:
        return Text("No decisions yet.", style="dim")
    text = Text()
    for d in decisions:
        when = d.decided_at if isinstance(d.decided_at, str) else d.decided_at.isoformat(sep=" ")
        text.append(str(when)[:16].replace("T", " ") + "  ", style="dim")
        text.append(display_safe(d.reviewer), style="bold").append("  ")
        text.append_text(review_status_text(str(d.decision)))
        scores = [f"{k} {v}" for k, v in (("accuracy", d.accuracy), ("fit", d.fit)) if v]
        if scores:
            text.append("  " + ", ".join(scores), style="dim")
        if d.edit_ratio is not None:
            text.append(f"  {d.edit_ratio:.0%} rewritten", style="magenta")
        text.append("\n")
        if d.note:
            text.append(f"  {safe_block(d.note)}\n")
        if d.corrected_output:
            shown = safe_block(d.corrected_output[:CORRECTION_MAX])
            more = "…" if len(d.corrected_output) > CORRECTION_MAX else ""
            text.append("  corrected output:\n", style="dim")
            text.append("  " + shown.replace("\n", "\n  ") + more + "\n", style="italic")
    return text


def chain_text(chain: list[ChainLink], shown: int) -> Text:
    """First draft to latest revision, one line each; the item on screen in bold."""
    text = Text()
    if len(chain) < 2:
        return text
    for index, link in enumerate(chain):
        text.append("  " if index == 0 else "→ ", style="dim")
        text.append(f"#{link.id} ", style="bold" if link.id == shown else "dim")
        text.append(display_safe(link.title), style="bold" if link.id == shown else "")
        text.append("  ").append_text(review_status_text(link.status)).append("\n")
    return text


class ReviewDetailScreen(AppScreen):
    STYLES = "review_detail.tcss"
    HELP = (
        "One AI draft in full. y approve, c request changes (write the corrected output),"
        " n reject; after a decision the next pending item opens."
    )
    BINDINGS = [
        Binding("y", "decide('approved')", "Approve", id="review.approve"),
        Binding("c", "decide('changes_requested')", "Changes", id="review.changes"),
        Binding("n", "decide('rejected')", "Reject", id="review.reject"),
        Binding("escape", "back", "Back", id="review.back"),
    ]

    def __init__(self, item_id: int, flt: ReviewFilter | None = None) -> None:
        super().__init__()
        self.item_id = item_id
        self.flt = flt

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="detail-head"):
            yield Static(id="detail-title")
            yield Static(id="detail-rule")
            yield Static(id="detail-meta")
            yield Static(id="detail-flags")
        item = self.store.reviews.get(self.item_id)
        self.long_output = item is not None and len(item.output) > MARKDOWN_MAX
        with Horizontal(id="detail-body"):
            with Vertical(id="detail-output"):
                yield Label("AI output", classes="section")
                yield Static(id="output-note")
                if self.long_output:
                    yield TextArea(id="output-text", read_only=True, soft_wrap=True)
                else:
                    with VerticalScroll(id="output-scroll", can_focus=True):
                        yield Markdown(id="output-md")
            with VerticalScroll(id="detail-side", can_focus=True):
                yield Label("Input", classes="section")
                yield Static(id="detail-input")
                yield Label("Decisions", classes="section")
                yield Static(id="detail-history")
                yield Label("Revisions", classes="section", id="chain-label")
                yield Static(id="detail-chain")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.output_shown = False
        self.refresh_data()
        self.query_one("#output-text" if self.long_output else "#output-scroll").focus()

    def refresh_data(self) -> None:
        item = self.store.reviews.get(self.item_id)
        ctx = self.store.reviews.context(self.item_id)
        if item is None or ctx is None:
            self.query_one("#detail-title", Static).update("This review item no longer exists.")
            return
        title = Text()
        title.append(f"#{item.id} ", style="dim").append(
            display_safe(item.title), style="bold"
        ).append("  ")
        title.append_text(review_status_text(str(item.status)))
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#detail-rule", Static).update(rule_text(ctx, item))
        self.query_one("#detail-meta", Static).update(meta_text(ctx, item, self.aiops.user))
        flags = self.query_one("#detail-flags", Static)
        flags.update(
            Text("Data check: " + display_safe("; ".join(item.data_flags)), style="bold")
            if item.data_flags
            else ""
        )
        flags.display = bool(item.data_flags)
        if not self.output_shown:  # the draft never changes: lay it out once
            self.output_shown = True
            self._show_output(item.output)
        shown = item.input[:INPUT_MAX] + ("…" if len(item.input) > INPUT_MAX else "")
        self.query_one("#detail-input", Static).update(
            Text(safe_block(shown)) if shown else Text("(none given)", style="dim")
        )
        self.query_one("#detail-history", Static).update(
            history_text(self.store.reviews.decisions(self.item_id))
        )
        chain = self.store.reviews.chain(self.item_id)
        self.query_one("#chain-label").display = len(chain) > 1
        links = self.query_one("#detail-chain", Static)
        links.display = len(chain) > 1
        links.update(chain_text(chain, self.item_id))

    def _show_output(self, output: str) -> None:
        note = self.query_one("#output-note", Static)
        if not self.long_output:
            note.display = False
            self.query_one("#output-md", Markdown).update(safe_block(output))
            return
        shown = f"the first {PLAIN_MAX:,} of " if len(output) > PLAIN_MAX else ""
        note.update(f"long draft, shown as plain text: {shown}{len(output):,} characters")
        self.query_one("#output-text", TextArea).load_text(safe_block(output[:PLAIN_MAX]))

    def action_decide(self, decision: str) -> None:
        item_id, flt = self.item_id, self.flt
        start_decision(
            self,
            item_id,
            Decision(decision),
            lambda saved: advance(self.aiops, item_id, saved, flt),
        )

    def action_back(self) -> None:
        self.dismiss()


def advance(app: StoreApp, item_id: int, saved: ReviewDecision, flt: ReviewFilter | None) -> None:
    """Auto-advance: open the next pending item, or go back to the queue when none is left."""
    done = f"{DONE[saved.decision]} #{item_id}."
    next_id = app.store.reviews.next_pending(after_id=item_id, flt=flt)
    if next_id is not None:
        detail = ReviewDetailScreen(next_id, flt)
        if isinstance(app.screen, ReviewDetailScreen):
            app.switch_screen(detail)
        else:
            app.push_screen(detail)
        app.notify(f"{done} Next pending: #{next_id}.")
        return
    if isinstance(app.screen, ReviewDetailScreen):
        app.pop_screen()
    elif isinstance(app.screen, AppScreen):
        app.screen.refresh_data()
    app.notify(f"{done} No pending items left: the queue is clear.")

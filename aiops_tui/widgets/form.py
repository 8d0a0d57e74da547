"""A modal form that validates with the pydantic models and shows errors beside fields.

Every add/edit dialog in the app is a `FormScreen`: it lists `FormField`s,
turns what was typed into a dict, lets the subclass build a model from it and
save it through a repository. A `ValidationError` is shown next to the field it
names (model-level rules such as the review policy at the top); a
`StoreError` (a name clash, a forbidden data class) at the top too. Nothing is
lost: the dialog stays open with what was typed, and the focus goes to the
first field in error.

Fields name a `section`; a form with several shows one tab a section, so every
form fits 80x24 with its buttons in view. Only the first tab is built when the
form opens (each widget costs styling, and the workflow form has twenty-odd):
the others are built when first shown, and until then their fields read as
their starting values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from aiops_tui.widgets.confirm import ConfirmScreen
from aiops_tui.widgets.form_errors import FormErrors
from aiops_tui.widgets.form_fields import (
    FormField,
    Kind,
    TypeSelect,
    describe_validation,
    make_widget,
    start_text,
)
from aiops_tui.widgets.safe_text import display_safe
from aiops_tui.widgets.tick_box import TickBox

__all__ = ["FormField", "FormScreen", "Kind", "describe_validation"]
"""A form's screens import the field type and the error wording from here too."""

T = TypeVar("T")
R = TypeVar("R")


class FormScreen(FormErrors, ModalScreen[T | None], Generic[T]):
    """Subclasses set `title`, return `fields()`, and implement `submit(values)`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+pagedown", "section(1)", "Next section", id="form.next", priority=True),
        Binding("ctrl+pageup", "section(-1)", "Prev section", id="form.prev", priority=True),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FormScreen .form-title { text-style: bold; }
    FormScreen .form-intro { color: $text-muted; }
    FormScreen #form-error { color: $error; display: none; }
    FormScreen #form-error.-shown { display: block; }
    FormScreen TabbedContent { height: auto; max-height: 1fr; }
    FormScreen TabPane { padding: 0; height: auto; }
    FormScreen VerticalScroll { height: auto; max-height: 1fr; margin-top: 1; }
    FormScreen .field-row { height: auto; }
    FormScreen .field-label { width: 26; color: $text-muted; padding-right: 1; }
    FormScreen .field-row > Input, FormScreen .field-row > Select,
    FormScreen .field-row > Checkbox { width: 1fr; }
    FormScreen VerticalScroll > Checkbox { width: 1fr; }
    FormScreen .field-help { color: $text-muted; text-style: italic; padding-left: 26; }
    FormScreen .field-error { color: $error; display: none; padding-left: 26; }
    FormScreen .field-error.-shown { display: block; }
    FormScreen TextArea { height: 4; width: 1fr; }
    FormScreen SelectionList { height: auto; max-height: 7; width: 1fr; }
    FormScreen .buttons { height: auto; align-horizontal: right; padding-top: 1; }
    FormScreen .buttons Button { margin-left: 1; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Stamped on the clock Textual stamps events with: a key stamped earlier
        # was typed before the form existed, in the burst that opened it.
        self.opened_time = Message().time

    title: str = "Edit"
    intro: str = ""
    """A line under the title (plain text)."""
    save_label: str = "Save"

    def fields(self) -> list[FormField]:
        raise NotImplementedError

    def submit(self, values: dict[str, Any]) -> T:
        """Build the model and save it; raise ValidationError or StoreError to refuse."""
        raise NotImplementedError

    # -- building --------------------------------------------------------------

    _resumed = False

    def post_message(self, message: Message) -> bool:
        """The first resume without restyling: the form's widgets were styled as they mounted.

        Textual posts ScreenResume as the form is pushed, before it composes,
        and handles it after: restyling every widget just styled (a third of
        the time the workflow form took to open).
        """
        if isinstance(message, events.ScreenResume) and not self._resumed:
            self._resumed = True
            if message.refresh_styles:
                message = events.ScreenResume(refresh_styles=False)
        return super().post_message(message)

    def sections(self) -> list[str]:
        return list(dict.fromkeys(f.section for f in self._fields))

    def compose(self) -> ComposeResult:
        self._fields = self.fields()
        self._built: set[str] = set()
        self._errors: dict[str, str] = {}
        self._typing: set[str] = set()  # number fields showing why what is typed is refused
        sections = self.sections()
        with Vertical():
            # titles, labels and errors quote names: shown as typed, never read as markup
            yield Static(display_safe(self.title), classes="form-title", markup=False)
            if self.intro:
                yield Static(self.intro, classes="form-intro", markup=False)
            yield Static("", id="form-error", markup=False)
            if len(sections) == 1:
                with VerticalScroll(id="section-0"):
                    yield from self._section_widgets(sections[0])
            else:
                with TabbedContent(id="form-sections"):
                    for index, name in enumerate(sections):
                        with TabPane(name, id=f"pane-{index}"):
                            if index == 0:
                                with VerticalScroll(id="section-0"):
                                    yield from self._section_widgets(name)
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.save_label} (ctrl+s)", variant="primary", id="form-save", compact=True
                )
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def _section_widgets(self, section: str) -> Iterable[Widget]:
        self._built.add(section)
        for f in self._fields:
            if f.section != section:
                continue
            if f.kind == "check":
                yield TickBox(f.label, value=bool(f.value), id=f.widget_id, compact=True)
            else:
                yield Horizontal(
                    Label(f.label, classes="field-label", markup=False),
                    make_widget(f),
                    classes="field-row",
                )
            if f.help:
                yield Static(f.help, classes="field-help", markup=False)
            # the error line is added when there is one to show (error_line)

    def first_focus(self) -> str | None:
        """The field the cursor starts in: the first text box or select."""
        return next(
            (
                f.name
                for f in self._fields
                if f.kind in ("text", "int", "float", "select", "textarea")
            ),
            None,
        )

    def on_mount(self) -> None:
        self._start = self.snapshot()
        name = self.first_focus()
        if name is not None and self.field(name).section in self._built:
            self.query_one(f"#{self.field(name).widget_id}").focus()

    async def show_section(self, section: str) -> None:
        """Show the tab of `section`, building its fields the first time."""
        await self._build(section)
        self._activate(section)

    async def _build(self, section: str) -> None:
        sections = self.sections()
        if len(sections) < 2 or section in self._built:
            return
        index = sections.index(section)
        pane = self.query_one(f"#pane-{index}", TabPane)
        await pane.mount(VerticalScroll(*self._section_widgets(section), id=f"section-{index}"))
        self._paint_errors()  # refusals from a save before the section was first shown

    def _activate(self, section: str) -> None:
        sections = self.sections()
        if len(sections) > 1:
            tabs = self.query_one("#form-sections", TabbedContent)
            tabs.active = f"pane-{sections.index(section)}"

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab chosen by mouse or arrows: build it (never switch tabs here: two switches
        in flight would answer each other for ever)."""
        pane_id = event.pane.id or ""
        if pane_id.startswith("pane-"):
            await self._build(self.sections()[int(pane_id.removeprefix("pane-"))])

    async def action_section(self, step: int) -> None:
        sections = self.sections()
        if len(sections) < 2:
            return
        active = self.query_one("#form-sections", TabbedContent).active
        index = int(active.removeprefix("pane-") or 0)
        await self.show_section(sections[(index + step) % len(sections)])
        boxes = self.query(f"#section-{(index + step) % len(sections)} .field-row > *")
        focusable = [w for w in boxes if w.focusable]
        if focusable:
            focusable[0].focus()

    async def field_widget(self, name: str) -> Widget:
        """The widget of field `name`, its section built and shown (tests and error focus)."""
        f = self.field(name)
        await self.show_section(f.section)
        return self.query_one(f"#{f.widget_id}")

    def field(self, name: str) -> FormField:
        return next(f for f in self._fields if f.name == name)

    # -- keys typed early --------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Characters typed while the form was opening go into its first field, in order.

        Until the form has focus, the app sends keys to the screen itself, where
        they were dropped (or, bubbling up, ran the app's keys: `q` quit). A
        printable key reaching the screen while a text box or a select has focus
        can only be one of those (they keep every character they are sent; a
        select's space, which opens it, excepted), so it goes where the cursor is.
        """
        if not (event.is_printable and event.character):
            return
        focused = self.focused
        if focused is None:
            name = self.first_focus()
            if name is None or self.field(name).section not in self._built:
                return
            focused = self.query_one(f"#{self.field(name).widget_id}")
        if isinstance(focused, Input):
            focused.insert_text_at_cursor(event.character)
        elif isinstance(focused, TextArea):
            focused.insert(event.character)
        elif isinstance(focused, TypeSelect) and event.character != " ":
            focused.type_character(event.character)  # a closed select keeps every letter too
        else:
            return
        event.stop()
        event.prevent_default()

    # -- reading -----------------------------------------------------------------

    def raw(self, f: FormField) -> Any:
        """What field `f` holds now: its widget's value, or its start value if not built."""
        built = f.section in self._built
        if f.kind == "select":
            if not built:
                return f.value
            select = self.query_one(f"#{f.widget_id}", Select)
            return None if select.value is Select.NULL else select.value
        if f.kind in ("bool", "check"):
            return self.query_one(f"#{f.widget_id}", Checkbox).value if built else bool(f.value)
        if f.kind == "textarea":
            return self.query_one(f"#{f.widget_id}", TextArea).text if built else str(f.value or "")
        if f.kind == "multiselect":
            if not built:
                return list(f.value or [])
            return list(self.query_one(f"#{f.widget_id}", SelectionList).selected)
        text = self.query_one(f"#{f.widget_id}", Input).value if built else start_text(f.value)
        if f.kind in ("int", "float"):
            return text.strip() or None
        return text

    def snapshot(self) -> dict[str, Any]:
        """Every field's value, comparable: has anything changed since the form opened?"""
        return {
            f.name: sorted(map(str, value)) if isinstance(value, list) else value
            for f in self._fields
            for value in [self.raw(f)]
        }

    def values(self) -> dict[str, Any]:
        """What was typed, with empty optional numbers as None and nested names grouped."""
        nested: dict[str, Any] = {}
        for f in self._fields:
            target = nested
            *parents, leaf = f.name.split(".")
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = self.raw(f)
        return nested

    # -- save and leave ----------------------------------------------------------

    def action_save(self) -> None:
        ok, result = self.checked(self.submit)
        if ok:
            self.dismiss(result)

    def action_cancel(self) -> None:
        """Leave at once if nothing changed; else ask first (a half-filled form is work)."""
        if self.snapshot() == self._start:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard changes? y / n", yes="Discard (y)", no="Keep editing (n)"),
            answered,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        elif event.button.id == "form-cancel":
            self.action_cancel()

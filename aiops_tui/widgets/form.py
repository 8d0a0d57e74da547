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

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import ValidationError
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
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

from aiops_tui.storage.db import StoreError
from aiops_tui.widgets.confirm import ConfirmScreen
from aiops_tui.widgets.safe_text import display_safe, safe_cell
from aiops_tui.widgets.tick_box import TickBox, TickList

T = TypeVar("T")
R = TypeVar("R")

Kind = Literal["text", "int", "float", "select", "bool", "check", "textarea", "multiselect"]
"""`bool` is a box beside its label; `check` a checklist line, the label in the box's own line."""


@dataclass
class FormField:
    """One labelled input. `name` is the model field (dotted for nested: metric.name)."""

    name: str
    label: str
    kind: Kind = "text"
    value: Any = None
    options: Sequence[tuple[str, Any]] = field(default_factory=list)
    placeholder: str = ""
    help: str = ""
    allow_blank: bool = True
    section: str = ""

    @property
    def widget_id(self) -> str:
        return "field-" + self.name.replace(".", "-")

    @property
    def error_id(self) -> str:
        return "error-" + self.name.replace(".", "-")


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def describe_validation(error: ValidationError) -> list[tuple[str, str]]:
    """(field name or '', message) pairs in plain words, without pydantic's URLs."""
    result = []
    for item in error.errors():
        loc = ".".join(str(p) for p in item["loc"] if not isinstance(p, int))
        message = str(item["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        result.append((loc, message))
    return result


def number_problem(text: str, whole: bool) -> str | None:
    """Why `text` is not a number of the kind asked for, naming what is refused; None if it is."""
    text = text.strip()
    if not text:
        return None
    allowed = set("0123456789-+") if whole else set("0123456789-+.eE")
    refused = sorted({c for c in text if c not in allowed}, key=text.index)
    kind = "a whole number, like 12" if whole else "a number, like 12 or 4.5"
    if refused:
        shown = ", ".join(repr(c) for c in refused)
        return f"{shown} {'is' if len(refused) == 1 else 'are'} not allowed here: type {kind}"
    try:
        int(text) if whole else float(text)
    except ValueError:
        return f"{text!r} is not {kind}"
    return None


class NumberText(Validator):
    """Accepts what `number_problem` accepts; its reason is shown beside the field."""

    def __init__(self, whole: bool) -> None:
        super().__init__()
        self.whole = whole

    def validate(self, value: str) -> ValidationResult:
        problem = number_problem(value, self.whole)
        return self.failure(problem) if problem else self.success()


class TypeSelect(Select[Any]):
    """A Select that picks by typing the first letters of an option, open or closed.

    Textual's Select searches only while its list is open; closed, letters did
    nothing. Letters typed within a second of each other make one prefix
    ("bi" for biweekly); an option starting with it wins over one containing it.
    """

    RESET_AFTER = 1.0

    def __init__(self, options: Iterable[tuple[Any, Any]], **kwargs: Any) -> None:
        self.choices = list(options)
        super().__init__(self.choices, **kwargs)
        self.typed = ""
        self.typed_at = 0.0

    def on_key(self, event: events.Key) -> None:
        if self.expanded or not (event.is_printable and event.character):
            return
        if event.character == " " and not self.typed:
            return  # space opens the list
        event.stop()
        event.prevent_default()
        self.type_character(event.character)

    def type_character(self, character: str) -> None:
        """One more letter of the option wanted (a pause of a second starts a new word)."""
        now = time.monotonic()
        if now - self.typed_at > self.RESET_AFTER:
            self.typed = ""
        self.typed += character.lower()
        self.typed_at = now
        labels = [(str(label).lower(), value) for label, value in self.choices]
        match = next((v for label, v in labels if label.startswith(self.typed)), None)
        if match is None:
            match = next((v for label, v in labels if self.typed in label), None)
        if match is not None:
            self.value = match


class FormScreen(ModalScreen[T | None], Generic[T]):
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
                    self._widget(f),
                    classes="field-row",
                )
            if f.help:
                yield Static(f.help, classes="field-help", markup=False)
            # the error line is added when there is one to show (error_line)

    def _widget(self, f: FormField) -> Widget:
        if f.kind == "select":
            return TypeSelect(
                [(safe_cell(label), value) for label, value in f.options],  # names, not markup
                value=f.value if f.value is not None else Select.NULL,
                allow_blank=f.allow_blank,
                id=f.widget_id,
                compact=True,
            )
        if f.kind == "bool":
            return TickBox("", value=bool(f.value), id=f.widget_id, compact=True)
        if f.kind == "textarea":
            return TextArea(str(f.value or ""), id=f.widget_id, soft_wrap=True, compact=True)
        if f.kind == "multiselect":
            chosen = set(f.value or [])
            return TickList(
                *[(safe_cell(label), value, value in chosen) for label, value in f.options],
                id=f.widget_id,
                compact=True,
            )
        value = "" if f.value is None else str(f.value)
        if f.kind in ("int", "float"):
            return Input(
                value,
                placeholder=f.placeholder,
                id=f.widget_id,
                validators=[NumberText(whole=f.kind == "int")],
                validate_on=["changed"],
                compact=True,
            )
        return Input(value, placeholder=f.placeholder, id=f.widget_id, compact=True)

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
        text = self.query_one(f"#{f.widget_id}", Input).value if built else _text(f.value)
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

    # -- refusals ----------------------------------------------------------------

    def error_field(self, name: str) -> str:
        """The form field that shows a model field's error (a subclass may map one)."""
        return name

    def typing_problems(self) -> list[tuple[str, str]]:
        """Number fields holding something that is not a number, with the reason."""
        problems = []
        for f in self._fields:
            if f.kind in ("int", "float"):
                problem = number_problem(str(self.raw(f) or ""), whole=f.kind == "int")
                if problem:
                    problems.append((f.name, problem))
        return problems

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """Each error beside its field (others at the top); the focus to the first in error."""
        known = {f.name for f in self._fields}
        general: list[str] = []
        for node in self.query(".field-error").results(Static):
            node.update("")
            node.remove_class("-shown")
        self._errors = {}
        self._typing.clear()
        for name, message in errors:
            target = self.error_field(name)
            if target in known:
                self._errors.setdefault(target, message)
            else:
                general.append(message)
        top = self.query_one("#form-error", Static)
        top.update("\n".join(f"✗ {m}" for m in general))
        top.set_class(bool(general), "-shown")
        self._paint_errors()
        first = next((f for f in self._fields if f.name in self._errors), None)
        if first is None:
            return
        if first.section in self._built:
            self._activate(first.section)
            self.query_one(f"#{first.widget_id}").focus()
        else:
            self.run_worker(self._open_error(first), exclusive=True, group="form-errors")

    async def _open_error(self, first: FormField) -> None:
        (await self.field_widget(first.name)).focus()
        self._paint_errors()

    def _paint_errors(self) -> None:
        for name, message in self._errors.items():
            node = self.error_line(name)
            if node is not None:
                node.update(f"↑ {message}")
                node.add_class("-shown")

    def error_line(self, name: str) -> Static | None:
        """The line under field `name` that says what is wrong; None while it is not built.

        Made on first use: a form opens with one widget fewer a field.
        """
        f = self.field(name)
        if f.section not in self._built:
            return None
        found = self.query(f"#{f.error_id}").results(Static)
        node = next(iter(found), None)
        if node is None:
            widget = self.query_one(f"#{f.widget_id}")
            row = widget if f.kind == "check" else widget.parent
            box = row.parent if isinstance(row, Widget) else None
            if not isinstance(row, Widget) or not isinstance(box, Widget):
                return None
            siblings = list(box.children)
            after = siblings[siblings.index(row) + 1 : siblings.index(row) + 2]
            if after and after[0].has_class("field-help"):
                row = after[0]  # under the field's help line
            node = Static("", id=f.error_id, classes="field-error", markup=False)
            box.mount(node, after=row)
        return node

    def on_input_changed(self, event: Input.Changed) -> None:
        """A number field says at once why what was typed is not a number.

        Only its own reason is cleared when the text is a number again: a
        refusal from the last save stays until the next save.
        """
        result = event.validation_result
        name = next((f.name for f in self._fields if f.widget_id == event.input.id), None)
        if result is None or name is None:
            return
        node = self.error_line(name)
        reasons = result.failure_descriptions
        if node is None:
            return
        if reasons:
            self._typing.add(name)
            node.update(f"↑ {reasons[0]}")
            node.add_class("-shown")
        elif name in self._typing:
            self._typing.discard(name)
            node.update("")
            node.remove_class("-shown")

    def checked(self, step: Callable[[dict[str, Any]], R]) -> tuple[bool, R | None]:
        """Run `step` on the typed values; a refusal is shown on the form, never raised."""
        problems = self.typing_problems()
        if problems:
            self.show_errors(problems)
            return False, None
        try:
            return True, step(self.values())
        except ValidationError as error:
            self.show_errors(describe_validation(error))
        except StoreError as error:
            self.show_errors([("", first_line(error))])
        return False, None

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


def _text(value: Any) -> str:
    return "" if value is None else str(value)

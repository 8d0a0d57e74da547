"""A modal form that validates with the pydantic models and shows errors beside fields.

Every add/edit dialog in the app is a `FormScreen`: it lists `FormField`s,
turns what was typed into a dict, lets the subclass build a model from it and
save it through a repository. A `ValidationError` is shown next to the field it
names (model-level rules such as the review policy at the top); a
`StoreError` (a name clash, a forbidden data class) at the top too. Nothing is
lost: the dialog stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, Switch, TextArea

from aiops_tui.storage.db import StoreError
from aiops_tui.widgets.safe_text import display_safe, safe_cell

# Which Input restricts the keys to a number, by field kind.
INPUT_TYPES: dict[str, Literal["integer", "number", "text"]] = {"int": "integer", "float": "number"}

T = TypeVar("T")
R = TypeVar("R")

Kind = Literal["text", "int", "float", "select", "bool", "textarea", "multiselect"]


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


class FormScreen(ModalScreen[T | None], Generic[T]):
    """Subclasses set `title`, return `fields()`, and implement `submit(values)`."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 90; max-width: 95%; height: auto; max-height: 95%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FormScreen .form-title { text-style: bold; padding: 0 0 1 0; }
    FormScreen #form-error { color: $error; display: none; padding-bottom: 1; }
    FormScreen #form-error.-shown { display: block; }
    FormScreen VerticalScroll { height: auto; max-height: 30; }
    FormScreen .field-label { margin-top: 1; color: $text-muted; }
    FormScreen .field-help { color: $text-muted; text-style: italic; }
    FormScreen .field-error { color: $error; display: none; }
    FormScreen .field-error.-shown { display: block; }
    FormScreen TextArea { height: 6; }
    FormScreen SelectionList { height: auto; max-height: 8; }
    FormScreen .buttons { height: auto; align-horizontal: right; padding-top: 1; }
    FormScreen .buttons Button { margin-left: 1; }
    """

    title: str = "Edit"

    def fields(self) -> list[FormField]:
        raise NotImplementedError

    def submit(self, values: dict[str, Any]) -> T:
        """Build the model and save it; raise ValidationError or StoreError to refuse."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self._fields = self.fields()
        with Vertical():
            # titles, labels and errors quote names: shown as typed, never read as markup
            yield Static(display_safe(self.title), classes="form-title", markup=False)
            yield Static("", id="form-error", markup=False)
            with VerticalScroll():
                for f in self._fields:
                    yield Label(f.label, classes="field-label", markup=False)
                    yield self._widget(f)
                    if f.help:
                        yield Static(f.help, classes="field-help", markup=False)
                    yield Static("", id=f.error_id, classes="field-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save")
                yield Button("Cancel (esc)", id="form-cancel")

    def _widget(self, f: FormField) -> Widget:
        if f.kind == "select":
            return Select(
                [(safe_cell(label), value) for label, value in f.options],  # names, not markup
                value=f.value if f.value is not None else Select.NULL,
                allow_blank=f.allow_blank,
                id=f.widget_id,
            )
        if f.kind == "bool":
            return Switch(value=bool(f.value), id=f.widget_id)
        if f.kind == "textarea":
            return TextArea(str(f.value or ""), id=f.widget_id, soft_wrap=True)
        if f.kind == "multiselect":
            chosen = set(f.value or [])
            return SelectionList[Any](
                *[(safe_cell(label), value, value in chosen) for label, value in f.options],
                id=f.widget_id,
            )
        value = "" if f.value is None else str(f.value)
        input_type = INPUT_TYPES.get(f.kind, "text")
        return Input(value, placeholder=f.placeholder, type=input_type, id=f.widget_id)

    def on_mount(self) -> None:
        widgets = list(self.query("VerticalScroll > Input, VerticalScroll > Select"))
        if widgets:
            widgets[0].focus()

    def values(self) -> dict[str, Any]:
        """What was typed, with empty optional numbers as None and nested names grouped."""
        flat: dict[str, Any] = {}
        for f in self._fields:
            widget = self.query_one(f"#{f.widget_id}")
            if isinstance(widget, Select):
                flat[f.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Switch):
                flat[f.name] = widget.value
            elif isinstance(widget, TextArea):
                flat[f.name] = widget.text
            elif isinstance(widget, SelectionList):
                flat[f.name] = list(widget.selected)
            elif isinstance(widget, Input):
                text = widget.value.strip() if f.kind in ("int", "float") else widget.value
                flat[f.name] = None if f.kind in ("int", "float") and text == "" else text
        nested: dict[str, Any] = {}
        for key, value in flat.items():
            target = nested
            *parents, leaf = key.split(".")
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = value
        return nested

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        known = {f.name for f in self._fields}
        general: list[str] = []
        for node in self.query(".field-error").results(Static):
            node.update("")
            node.remove_class("-shown")
        for name, message in errors:
            if name in known:
                node = self.query_one("#error-" + name.replace(".", "-"), Static)
                node.update(f"↑ {message}")
                node.add_class("-shown")
            else:
                general.append(message)
        top = self.query_one("#form-error", Static)
        top.update("\n".join(f"✗ {m}" for m in general))
        top.set_class(bool(general), "-shown")
        if errors and errors[0][0] in known:
            field_ = next(f for f in self._fields if f.name == errors[0][0])
            self.query_one(f"#{field_.widget_id}").focus()

    def checked(self, step: Callable[[dict[str, Any]], R]) -> tuple[bool, R | None]:
        """Run `step` on the typed values; a refusal is shown on the form, never raised."""
        try:
            return True, step(self.values())
        except ValidationError as error:
            self.show_errors(describe_validation(error))
        except StoreError as error:
            self.show_errors([("", first_line(error))])
        return False, None

    def action_save(self) -> None:
        ok, result = self.checked(self.submit)
        if ok:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

"""The fields of a form: what each one is, the widget it is typed into, and why a
value is refused before the model sees it.

`FormScreen` (widgets/form.py) lays these out in tabs and validates with the
pydantic models; here is what does not depend on the screen.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError
from textual import events
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from aiops_tui.widgets.safe_text import safe_cell
from aiops_tui.widgets.tick_box import TickBox, TickList

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


def make_widget(f: FormField) -> Widget:
    """The input a field of its kind is typed into (a select picks by typing letters)."""
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


def start_text(value: Any) -> str:
    """A field's starting value as its text box holds it."""
    return "" if value is None else str(value)

"""What a form says when a value is refused: beside the field, or at the top.

Mixed into `FormScreen` (widgets/form.py): the screen builds and reads the
fields; this part turns a refusal (a number typed wrong, a pydantic
`ValidationError`, a `StoreError`) into lines beside the fields, puts the focus
on the first field in error and never raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from aiops_tui.storage.db import StoreError
from aiops_tui.widgets.form_fields import FormField, describe_validation, first_line, number_problem

R = TypeVar("R")

if TYPE_CHECKING:
    _ScreenPart = Screen[Any]  # what FormScreen brings: query, run_worker...
else:
    _ScreenPart = object  # a plain mixin: a Screen base here would reorder the styles


class FormErrors(_ScreenPart):
    """The refusal half of a form; the form half provides the fields and their values."""

    _fields: list[FormField]
    _errors: dict[str, str]
    _typing: set[str]
    _built: set[str]

    def field(self, name: str) -> FormField:
        raise NotImplementedError

    def raw(self, f: FormField) -> Any:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _activate(self, section: str) -> None:
        raise NotImplementedError

    async def field_widget(self, name: str) -> Widget:
        raise NotImplementedError

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

"""Add or rename a person."""

from __future__ import annotations

from typing import Any

from aiops_tui.domain.models import Person
from aiops_tui.storage.store import Store
from aiops_tui.widgets.form import FormField, FormScreen


class PersonForm(FormScreen[Person]):
    def __init__(self, store: Store, person: Person | None = None) -> None:
        super().__init__()
        self.store = store
        self.person = person
        self.title = f"Edit {person.name}" if person else "Add a person"

    def fields(self) -> list[FormField]:
        p = self.person
        return [
            FormField("name", "Name", value=p.name if p else "", placeholder="Ana Ruiz"),
            FormField(
                "email",
                "Email (optional)",
                value=p.email if p else "",
                placeholder="ana@example.com",
            ),
        ]

    def submit(self, values: dict[str, Any]) -> Person:
        if self.person is None:
            return self.store.people.add(Person.model_validate(values))
        updated = Person.model_validate({**self.person.model_dump(), **values})
        return self.store.people.update(updated)

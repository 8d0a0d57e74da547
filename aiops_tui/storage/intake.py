"""Turning parsed draft lines into queued review items.

`resolve` checks names against the store (workflow, prompt@version) and
builds the `ReviewItem`. An import is all or nothing: every line is checked
before anything is written, and the good items are written in one
transaction, so a half-imported batch never exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiops_tui.domain.intake import (
    IntakeError,
    IntakeLine,
    LineError,
    parse_lines,
    parse_prompt_ref,
)
from aiops_tui.domain.models import ReviewItem
from aiops_tui.storage.store import Store


def resolve(store: Store, line: IntakeLine, default_source: str = "import") -> ReviewItem:
    """Look the names up and build the item; unknown names are errors, never creations."""
    workflow = store.workflows.by_name(line.workflow)
    if workflow is None:
        raise IntakeError(f"unknown workflow {line.workflow!r}")
    version_id: int | None = None
    if line.prompt:
        name, number = parse_prompt_ref(line.prompt)
        prompt = store.prompts.by_name(name)
        if prompt is None:
            raise IntakeError(f"unknown prompt {name!r}")
        if number is None:
            version = store.prompts.production(prompt.id or 0) or store.prompts.latest(
                prompt.id or 0
            )
            if version is None:
                raise IntakeError(f"prompt {name!r} has no versions")
        else:
            version = store.prompts.version(prompt.id or 0, number)
            if version is None:
                raise IntakeError(f"prompt {name!r} has no version {number}")
        version_id = version.id
    return ReviewItem(
        workflow_id=workflow.id or 0,
        prompt_version_id=version_id,
        title=line.title,
        input=line.input,
        output=line.output,
        source=line.source or default_source,
        submitted_at=store.clock(),
        revises_id=line.revises,
    )


@dataclass(frozen=True)
class ImportResult:
    imported: list[ReviewItem]
    errors: list[LineError]


def import_lines(store: Store, lines: list[str], skip_invalid: bool = False) -> ImportResult:
    """Check every line, then write the good ones in one transaction.

    Without `skip_invalid`, any bad line means nothing is written and the
    result lists every bad line; with it, the good lines are written and the
    bad ones reported.
    """
    parsed, errors = parse_lines(lines)
    items: list[ReviewItem] = []
    for number, line in parsed:
        try:
            items.append(resolve(store, line))
        except IntakeError as error:
            errors.append(LineError(number, str(error)))
    errors.sort(key=lambda e: e.line)
    if errors and not skip_invalid:
        return ImportResult([], errors)
    stored: list[ReviewItem] = []
    with store.db.transaction():
        for item in items:
            stored.append(store.reviews.add(item))
    return ImportResult(stored, errors)

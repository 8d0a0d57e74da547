"""One way a table row becomes a model: `Model.model_validate` on the row's columns.

Columns are named as the model's fields; lists are stored as JSON text
(`json_fields`), booleans as 0/1 (pydantic reads those). A column the model
does not know (a join's extra) is left out, so a query may select more.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from aiops_tui.domain.models import STORED

M = TypeVar("M", bound=BaseModel)


@functools.cache
def _columns(
    model: type[BaseModel], keys: tuple[str, ...], prefix: str
) -> tuple[tuple[str, str], ...]:
    """(column, field) pairs for a query's columns: worked out once per query shape."""
    known = model.model_fields
    pairs = ((key, key.removeprefix(prefix)) for key in keys if key.startswith(prefix))
    return tuple((key, name) for key, name in pairs if name in known)


def row_fields(
    model: type[BaseModel], row: sqlite3.Row, json_fields: Iterable[str] = (), prefix: str = ""
) -> dict[str, Any]:
    """The row's columns the model has a field for (named `prefix` + field), JSON
    lists decoded."""
    data = {name: row[key] for key, name in _columns(model, tuple(row.keys()), prefix)}
    for name in json_fields:
        data[name] = json.loads(data.get(name) or "[]")
    return data


def to_model(
    model: type[M], row: sqlite3.Row, json_fields: Iterable[str] = (), prefix: str = ""
) -> M:
    """The row as a validated model, read as stored (`models.STORED`: a name kept
    under an older, looser rule still reads)."""
    return model.model_validate(row_fields(model, row, json_fields, prefix), context=STORED)

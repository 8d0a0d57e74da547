"""One-line values (a vendor, a unit, who did it, a source) refuse what would break a line.

They are shown in table cells and headings like names; a line break, an escape
sequence or a bidi override typed or imported into one is refused with the
field named, while an empty value stays allowed and a stored row reads as stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from aiops_tui.domain.models import (
    STORED,
    Completion,
    LabelMove,
    PromptVersion,
    ReviewDecision,
    ReviewItem,
    SuccessMetric,
    Tool,
)

AT = datetime(2026, 11, 23, 9, 0)
CASES: list[tuple[type[BaseModel], dict[str, Any], str]] = [
    (SuccessMetric, {}, "name"),
    (SuccessMetric, {}, "unit"),
    (Tool, {"name": "ChatGPT Team"}, "vendor"),
    (Tool, {"name": "ChatGPT Team"}, "category"),
    (PromptVersion, {"prompt_id": 1, "number": 1, "body": "b", "change_note": "n",
                     "created_at": AT}, "author"),
    (LabelMove, {"prompt_id": 1, "label": "production", "to_version": 1, "moved_at": AT}, "who"),
    (ReviewItem, {"workflow_id": 1, "title": "t", "output": "o", "submitted_at": AT}, "source"),
    (ReviewDecision, {"item_id": 1, "decision": "approved", "decided_at": AT, "reviewer": "x"},
     "reviewer"),
    (Completion, {"ritual_id": 1, "completed_at": AT}, "who"),
]  # fmt: skip
HOSTILE = ["Ana\nRuiz", "\x1b[31mred", "evil\u202eexe.txt", "tab\there", "del\x7f"]


@pytest.mark.parametrize(("model", "base", "name"), CASES, ids=lambda c: getattr(c, "__name__", c))
# Named ids: repr ids hold backslashes, which mutmut's test selection cannot pass back.
@pytest.mark.parametrize("value", HOSTILE, ids=["newline", "escape", "bidi", "tab", "delete"])
def test_control_characters_are_refused_with_the_field_named(
    model: type[BaseModel], base: dict[str, Any], name: str, value: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate({**base, name: value})
    first = caught.value.errors()[0]
    assert first["loc"] == (name,)
    assert "control characters" in first["msg"]


@pytest.mark.parametrize(("model", "base", "name"), CASES, ids=lambda c: getattr(c, "__name__", c))
def test_plain_values_are_trimmed_and_stored_rows_read_as_stored(
    model: type[BaseModel], base: dict[str, Any], name: str
) -> None:
    made = model.model_validate({**base, name: "  Ana Ruiz "})
    assert getattr(made, name).lower() == "ana ruiz"
    stored = model.model_validate({**base, name: "old\nvalue"}, context=STORED)
    assert getattr(stored, name) == "old\nvalue"


def test_optional_one_line_values_may_be_empty() -> None:
    assert Tool.model_validate({"name": "n", "vendor": "  "}).vendor == ""
    assert SuccessMetric.model_validate({"unit": ""}).unit == ""

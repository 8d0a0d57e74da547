"""The drafts file format: one JSON line into an IntakeLine, or the reason it is refused.

Pure rules (domain/intake.py); the CLI that reads the file is tested in
tests/functional/test_intake.py.
"""

from __future__ import annotations

import json

import pytest

from aiops_tui.domain import intake
from aiops_tui.domain.intake import (
    SOURCE_MAX,
    IntakeError,
    LineError,
    parse_line,
    parse_lines,
    parse_prompt_ref,
)
from aiops_tui.domain.models import TEXT_MAX

SUPPORT = "Customer support drafting and triage"


def test_parse_line_accepts_the_documented_shape() -> None:
    line = parse_line(
        json.dumps(
            {
                "workflow": SUPPORT,
                "title": " Ticket 1 ",
                "output": "draft",
                "input": "in",
                "source": "zapier",
                "prompt": "support-triage@3",
            }
        )
    )
    assert (line.workflow, line.title, line.output, line.input) == (
        SUPPORT,
        "Ticket 1",
        "draft",
        "in",
    )
    assert (line.source, line.prompt) == ("zapier", "support-triage@3")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"workflow": "a", "title": "t"}', "missing 'output'"),
        ('{"workflow": "a", "title": "t", "output": "o", "ouput": "x"}', "unknown field 'ouput'"),
        ('{"workflow": "a", "title": "t", "output": 5}', "'output' must be a string"),
        ('{"workflow": "a", "title": "  ", "output": "o"}', "'title' is empty"),
        ('{"workflow": "a", "title": "a\\nb", "output": "o"}', "line breaks"),
        ('{"workflow": "a", "title": "t", "output": "o", "prompt": "p@x"}', "must be a number"),
    ],
)
def test_parse_line_names_the_problem(text: str, reason: str) -> None:
    with pytest.raises(IntakeError, match=reason):
        parse_line(text)


def test_parse_lines_skips_blank_lines_and_numbers_from_one() -> None:
    good, bad = parse_lines(['{"workflow": "a", "title": "t", "output": "o"}', "", "oops"])
    assert [n for n, _ in good] == [1]
    assert [(e.line, e.reason[:14]) for e in bad] == [(3, "not valid JSON")]


def test_prompt_reference() -> None:
    assert parse_prompt_ref("sales-followup@2") == ("sales-followup", 2)
    assert parse_prompt_ref("sales-followup") == ("sales-followup", None)
    with pytest.raises(IntakeError):
        parse_prompt_ref("@2")


def _line(**fields: object) -> str:
    return json.dumps({"workflow": "W", "title": "T", "output": "O", **fields})


def test_optional_fields_default_and_are_trimmed() -> None:
    line = parse_line(_line(source="  zap  ", prompt="  p@2 ", input=None))
    assert (line.input, line.source, line.prompt) == ("", "zap", "p@2")
    bare = parse_line(_line())
    assert (bare.input, bare.source, bare.prompt) == ("", "", None)
    assert parse_line(_line(prompt="   ")).prompt is None
    assert parse_line(_line(workflow="  W  ")).workflow == "W"
    assert parse_line(_line(output="  kept as written  ")).output == "  kept as written  "


def test_every_unknown_field_is_named_with_the_known_ones() -> None:
    with pytest.raises(IntakeError) as error:
        parse_line(_line(zeta=1, alpha=2))
    assert str(error.value) == (
        "unknown field 'alpha', 'zeta' (known: workflow, title, output, input, source, prompt, revises)"
    )


def test_every_missing_field_is_named() -> None:
    with pytest.raises(IntakeError, match="^missing 'workflow', 'output'$"):
        parse_line(json.dumps({"title": "T"}))


@pytest.mark.parametrize("key", ["workflow", "title", "output", "input", "source", "prompt"])
def test_each_field_must_be_a_string(key: str) -> None:
    with pytest.raises(IntakeError, match=f"^'{key}' must be a string, not int$"):
        parse_line(_line(**{key: 3}))


@pytest.mark.parametrize("key", ["workflow", "output"])
def test_a_required_field_may_not_be_empty_or_null(key: str) -> None:
    with pytest.raises(IntakeError, match=f"^'{key}' is empty$"):
        parse_line(_line(**{key: " "}))
    with pytest.raises(IntakeError, match=f"^'{key}' is empty$"):
        parse_line(_line(**{key: None}))


def test_texts_and_source_have_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_line(_line(source="s" * SOURCE_MAX)).source == "s" * SOURCE_MAX
    with pytest.raises(IntakeError, match=f"^'source' is longer than {SOURCE_MAX} characters$"):
        parse_line(_line(source="s" * (SOURCE_MAX + 1)))
    assert intake.TEXT_MAX == TEXT_MAX
    monkeypatch.setattr(intake, "TEXT_MAX", 1_000)  # the rule, without 20 MB of test data
    assert parse_line(_line(input="i" * 1_000, output="o" * 1_000)).input == "i" * 1_000
    for field in ("input", "output"):
        with pytest.raises(IntakeError, match="^a text is longer than 1,000 characters$"):
            parse_line(_line(**{field: "x" * 1_001}))


def test_invalid_json_says_where() -> None:
    with pytest.raises(IntakeError, match=r"^not valid JSON \(Expecting value at column 1\)$"):
        parse_line("nope")


def test_a_title_too_long_is_refused_with_the_models_reason() -> None:
    with pytest.raises(IntakeError, match="^'title' is 201 characters; the limit is 200$"):
        parse_line(_line(title="t" * 201))


def test_a_bad_prompt_reference_is_refused() -> None:
    with pytest.raises(IntakeError, match="has no name before '@'"):
        parse_line(_line(prompt=" @2"))
    with pytest.raises(IntakeError, match="must be a number from 1"):
        parse_prompt_ref("p@0")
    assert parse_prompt_ref(" name with @ sign@12 ") == ("name with @ sign", 12)
    assert parse_prompt_ref(" plain ") == ("plain", None)
    assert parse_prompt_ref("p@1") == ("p", 1)


def test_line_errors_read_with_their_number() -> None:
    _, bad = parse_lines(["", "  ", "[]"])
    assert bad == [LineError(3, 'must be a JSON object like {"workflow": ..., "title": ...}')]
    assert str(bad[0]).startswith("line 3: must be a JSON object")


def _fields(**extra: object) -> str:
    return json.dumps({"workflow": SUPPORT, "title": "T", "output": "o", **extra})


def test_revises_links_the_draft_to_an_item() -> None:
    assert parse_line(_fields(revises=1)).revises == 1
    assert parse_line(_fields(revises=42)).revises == 42
    assert parse_line(_fields(revises=None)).revises is None
    assert parse_line(_fields()).revises is None


@pytest.mark.parametrize("revises", [0, -3, True, False, 1.0, "7", [7]])
def test_revises_must_be_an_item_id(revises: object) -> None:
    with pytest.raises(
        IntakeError,
        match=r"^'revises' must be the id of a review item \(a whole number from 1\)$",
    ):
        parse_line(_fields(revises=revises))


@pytest.mark.parametrize("key", ["workflow", "title", "output", "input", "source", "prompt"])
def test_a_lone_surrogate_is_refused_by_its_field(key: str) -> None:
    with pytest.raises(IntakeError) as refused:
        parse_line(_fields(**{key: "a\ud800b"}))
    assert str(refused.value) == f"{key!r} holds a lone surrogate ('\\ud800'), which is not text"


@pytest.mark.parametrize("key", ["source", "workflow"])
def test_a_control_character_in_a_name_field_is_refused_by_name(key: str) -> None:
    with pytest.raises(IntakeError) as refused:
        parse_line(_fields(**{key: "a\x07b"}))
    assert str(refused.value) == (
        f"{key!r} must not contain control characters or line breaks (found '\\x07')"
    )


def test_json_nested_too_deeply_is_refused_not_crashed() -> None:
    with pytest.raises(IntakeError, match=r"^not valid JSON \(nested too deeply\)$"):
        parse_line("[" * 100_000)


def test_the_queued_line_is_the_same_wherever_a_draft_comes_from() -> None:
    from aiops_tui.domain.words import SUMMARY_MAX, queued_summary

    assert queued_summary("Reply", "Support") == "queued 'Reply' for Support"
    assert queued_summary("Reply", "Support", 7) == "queued 'Reply' for Support (revision of #7)"
    long = queued_summary("x" * 900, "Support", 7)
    assert long.endswith(" (revision of #7)") and len(long) == SUMMARY_MAX + len(
        " (revision of #7)"
    )

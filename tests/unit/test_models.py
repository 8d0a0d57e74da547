"""Validation lives in the models, so every entry point refuses the same things."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from aiops_tui.domain.models import (
    NAME_MAX,
    Person,
    PromptVersion,
    ReviewDecision,
    Ritual,
    SuccessMetric,
    Tool,
    Workflow,
    parse_review_rule,
)


def test_names_are_stripped_and_limited() -> None:
    assert Person(name="  Ana  ").name == "Ana"
    with pytest.raises(ValidationError, match="must not be empty"):
        Person(name="   ")
    with pytest.raises(ValidationError, match=f"the limit is {NAME_MAX}"):
        Workflow(name="x" * 10_000)
    with pytest.raises(ValidationError, match="control characters"):
        Workflow(name="bad\x07name")
    with pytest.raises(ValidationError, match="control characters"):
        Workflow(name="two\nlines")


def test_an_empty_name_is_refused_in_plain_words() -> None:
    with pytest.raises(ValidationError) as refused:
        Person(name="   ")
    assert refused.value.errors()[0]["msg"] == "Value error, must not be empty"


def test_unicode_names_are_kept() -> None:
    assert Workflow(name="Résumé 🚀 مرحبا").name == "Résumé 🚀 مرحبا"


def test_email_is_checked() -> None:
    assert Person(name="A", email="a@example.com").email == "a@example.com"
    assert Person(name="A", email="  ").email is None
    with pytest.raises(ValidationError, match="email address"):
        Person(name="A", email="not-an-email")


@pytest.mark.parametrize(
    ("rule", "parsed"),
    [("always", ("always", 100)), ("none", ("none", 0)), ("sample:25", ("sample", 25))],
)
def test_review_rules(rule: str, parsed: tuple[str, int]) -> None:
    assert parse_review_rule(rule) == parsed


@pytest.mark.parametrize("rule", ["sometimes", "sample:0", "sample:101", "sample:"])
def test_bad_review_rules_are_refused(rule: str) -> None:
    with pytest.raises(ValidationError):
        Workflow(name="W", review_rule=rule)


def test_scores_are_bounded() -> None:
    with pytest.raises(ValidationError, match="less than or equal to 5"):
        Workflow(name="W", structure=6)
    with pytest.raises(ValidationError):
        Workflow(name="W", frequency_per_month=-1)


def test_customer_facing_forces_always_and_signoff() -> None:
    with pytest.raises(ValidationError) as info:
        Workflow(name="W", status="live", customer_facing=True, review_rule="sample:10")
    text = str(info.value)
    assert "review rule must be 'always' because the workflow is customer-facing" in text
    assert "sign-off person is required" in text
    ok = Workflow(name="W", customer_facing=True, review_rule="always", signoff_id=1)
    assert ok.customer_facing


def test_high_risk_forces_review() -> None:
    with pytest.raises(ValidationError, match="high-risk"):
        Workflow(name="W", risk="high", review_rule="none")


def test_shadow_workflows_can_be_recorded_as_found() -> None:
    wf = Workflow(name="Found", status="shadow", risk="high", customer_facing=True)
    assert wf.review_rule == "none"


def test_priority_is_frequency_times_structure_times_value() -> None:
    assert Workflow(name="W", frequency_per_month=10, structure=4, value=5).priority == 200


def test_change_note_is_required() -> None:
    with pytest.raises(ValidationError, match="is required"):
        PromptVersion(
            prompt_id=1, number=1, body="x", change_note="  ", created_at=datetime(2026, 1, 1)
        )


def test_decision_note_required_except_for_approval() -> None:
    now = datetime(2026, 1, 1)
    ReviewDecision(item_id=1, reviewer="A", decision="approved", decided_at=now)
    with pytest.raises(ValidationError, match="note is required"):
        ReviewDecision(item_id=1, reviewer="A", decision="rejected", decided_at=now)
    with pytest.raises(ValidationError):
        ReviewDecision(item_id=1, reviewer="A", decision="approved", accuracy=9, decided_at=now)


def test_every_n_days_needs_days() -> None:
    with pytest.raises(ValidationError, match="number of days"):
        Ritual(name="R", interval="every_n_days")
    assert Ritual(name="R", interval="every_n_days", every_days=10).every_days == 10


def test_ritual_anchor_day_matches_interval() -> None:
    with pytest.raises(ValidationError, match="weekday from 0"):
        Ritual(name="R", interval="weekly", anchor_day=7)
    with pytest.raises(ValidationError, match="day of the month"):
        Ritual(name="R", interval="monthly", anchor_day=0)
    assert Ritual(name="R", interval="monthly", anchor_day=31).anchor_day == 31


# -- each validator at its edges ------------------------------------------------------
def test_review_rule_edges() -> None:
    assert parse_review_rule(" sample:1 ") == ("sample", 1)
    assert parse_review_rule("sample:100") == ("sample", 100)
    assert Workflow(name="W", review_rule="  none ").review_rule == "none"
    with pytest.raises(ValueError, match="^sample percent must be from 1 to 100$"):
        parse_review_rule("sample:0")
    with pytest.raises(ValueError, match=r"^must be 'always', 'none' or 'sample:N'"):
        parse_review_rule("sample:1000")


def test_name_edges() -> None:
    assert Person(name="x" * NAME_MAX).name == "x" * NAME_MAX
    with pytest.raises(ValidationError, match=f"is {NAME_MAX + 1} characters"):
        Person(name="x" * (NAME_MAX + 1))
    for bad in ("a\tb", "a\rb", "a\x1fb", "a\x7fb", "a\x00b"):
        with pytest.raises(ValidationError, match="control characters or line breaks"):
            Person(name=bad)


def test_email_edges() -> None:
    assert Person(name="A", email=" a@example.com ").email == "a@example.com"
    assert Person(name="A", email=None).email is None
    for bad in ("a@example", "a b@example.com", "a@@example.com", "x" * 200 + "@example.com"):
        with pytest.raises(ValidationError, match="is not an email address like name@example"):
            Person(name="A", email=bad)


def test_tool_category_is_trimmed_lower_case_or_other() -> None:
    assert Tool(name="T", category="  Writing ").category == "writing"
    assert Tool(name="T", category="   ").category == "other"


def test_a_success_metric_is_defined_by_its_name() -> None:
    assert SuccessMetric(name="Minutes saved").defined
    assert not SuccessMetric(name="   ").defined
    assert not SuccessMetric().defined


def test_a_change_note_is_kept_trimmed() -> None:
    version = PromptVersion(
        prompt_id=1, number=1, body="x", change_note="  why  ", created_at=datetime(2026, 1, 1)
    )
    assert version.change_note == "why"


def test_a_blank_note_is_refused_for_changes_requested() -> None:
    now = datetime(2026, 1, 1)
    with pytest.raises(ValidationError, match="note is required"):
        ReviewDecision(
            item_id=1, reviewer="A", decision="changes_requested", note="  ", decided_at=now
        )
    ok = ReviewDecision(item_id=1, reviewer="A", decision="rejected", note="off", decided_at=now)
    assert ok.note == "off"


def test_anchor_days_per_interval() -> None:
    assert Ritual(name="R", interval="weekly", anchor_day=0).anchor_day == 0
    assert Ritual(name="R", interval="biweekly", anchor_day=6).anchor_day == 6
    assert Ritual(name="R", interval="quarterly", anchor_day=1).anchor_day == 1
    assert Ritual(name="R", interval="every_n_days", every_days=3, anchor_day=0).anchor_day == 0
    with pytest.raises(ValidationError, match="weekday from 0"):
        Ritual(name="R", interval="biweekly", anchor_day=7)
    with pytest.raises(ValidationError, match="day of the month"):
        Ritual(name="R", interval="quarterly", anchor_day=0)
    with pytest.raises(ValidationError, match="number of days"):
        Ritual(name="R", interval="every_n_days", every_days=None)

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

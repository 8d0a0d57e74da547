"""The review policy and the data rules, as the form, the CLI and the store apply them."""

from __future__ import annotations

import pytest

from aiops_tui.domain.data_check import MAX_FLAGS, data_flags
from aiops_tui.domain.data_check import forbidden_classes as workflow_forbidden
from aiops_tui.domain.models import DataClassName as D
from aiops_tui.domain.models import DataPolicy as P
from aiops_tui.domain.models import Workflow
from aiops_tui.domain.policy import (
    forbidden_data,
    forbidden_data_problem,
    policy_field_problems,
    policy_gap,
    policy_violations,
    requires_review,
    review_reasons,
    signed_off,
)

RULE = "review rule must be 'always' because the workflow is {}"
SIGNOFF = "a sign-off person is required because the workflow is {}"


def test_review_is_required_for_customer_facing_or_high_risk_work() -> None:
    assert requires_review(True, "low")
    assert requires_review(False, "high")
    assert not requires_review(False, "medium")
    assert not requires_review(False, "low")


def test_each_problem_names_its_field_and_the_reason() -> None:
    assert policy_field_problems("live", False, "high", "none", None) == [
        ("review_rule", RULE.format("high-risk")),
        ("signoff_id", SIGNOFF.format("high-risk")),
    ]
    assert policy_field_problems("pilot", True, "high", " always ", 3) == []
    assert policy_field_problems("idea", True, "low", "sample:50", 3) == [
        ("review_rule", RULE.format("customer-facing"))
    ]
    assert policy_field_problems("idea", True, "low", "always", None) == [
        ("signoff_id", SIGNOFF.format("customer-facing"))
    ]


@pytest.mark.parametrize("status", ["shadow", "retired"])
def test_shadow_and_retired_work_is_exempt(status: str) -> None:
    assert policy_field_problems(status, True, "high", "none", None) == []


def test_violations_are_the_reasons_alone() -> None:
    wf = Workflow.model_construct(
        status="live", customer_facing=True, risk="low", review_rule="none", signoff_id=None
    )
    assert policy_violations(wf) == [
        RULE.format("customer-facing"),
        SIGNOFF.format("customer-facing"),
    ]


def test_forbidden_data_lists_the_allowed_classes_the_policy_forbids() -> None:
    policies = {D.CREDENTIALS: P.FORBIDDEN, D.FINANCIAL: P.NEEDS_APPROVAL}
    assert forbidden_data([D.FINANCIAL, D.CREDENTIALS, D.PUBLIC], policies) == ["credentials"]
    assert forbidden_data([], policies) == []


def test_a_class_without_a_policy_needs_approval() -> None:
    assert workflow_forbidden([], {}) == set(D)
    assert workflow_forbidden(list(D), {}) == set()
    assert workflow_forbidden([], {name: P.ALLOWED for name in D}) == set()


def test_flags_are_listed_once_and_capped() -> None:
    text = "api_key = s3cr3tvalue99\n"
    flags = data_flags({"input": text, "output": text + text}, {D.CREDENTIALS})
    assert flags == [
        "credentials: secret, input line 1",
        "credentials: secret, output line 1",
        "credentials: secret, output line 2",
    ]
    exactly = "\n".join(f"user{i}@example.com" for i in range(MAX_FLAGS))
    listed = data_flags({"output": exactly}, {D.CUSTOMER_PERSONAL})
    assert len(listed) == MAX_FLAGS and not listed[-1].startswith("…")
    one_more = "\n".join(f"user{i}@example.com" for i in range(MAX_FLAGS + 1))
    capped = data_flags({"output": one_more}, {D.CUSTOMER_PERSONAL})
    assert len(capped) == MAX_FLAGS + 1 and capped[-1] == "… more not listed"


def test_two_findings_of_a_kind_on_one_line_make_one_flag_and_later_lines_still_count() -> None:
    text = "ana@example.com, bob@example.com\nphone +44 20 7946 0958\ncara@example.com"
    assert data_flags({"output": text}, {D.CUSTOMER_PERSONAL}) == [
        "customer_personal: email, output line 1",
        "customer_personal: phone, output line 2",
        "customer_personal: email, output line 3",
    ]


def test_review_reasons_name_every_reason_in_one_wording() -> None:
    assert review_reasons(True, "high") == ["customer-facing", "high-risk"]
    assert review_reasons(False, "high") == ["high-risk"]
    assert review_reasons(False, "low") == []


def test_signed_off_needs_always_and_a_person() -> None:
    assert signed_off("always", 3)
    assert not signed_off("always", None)
    assert not signed_off("sample:20", 3)


def test_policy_gap_says_what_is_missing() -> None:
    assert policy_gap(False, "high", "none", None) == (
        "high-risk: review rule is none, no sign-off person"
    )
    assert policy_gap(True, "low", "always", None) == "customer-facing: no sign-off person"
    assert policy_gap(True, "high", "always", 4) == ""
    assert policy_gap(False, "low", "none", None) == ""


def test_forbidden_data_is_named_with_the_way_out() -> None:
    policies = {"credentials": "forbidden", "public": "allowed"}
    assert forbidden_data(["public", "credentials"], policies) == ["credentials"]
    assert forbidden_data_problem(["public", "credentials"], policies) == (
        "the data policy forbids AI use of credentials; remove it from allowed data"
    )
    assert forbidden_data_problem(["public"], policies) == ""

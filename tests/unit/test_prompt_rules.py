"""Pure rules behind the prompt library: variables, the safety scan, forbidden classes, checklist."""

from __future__ import annotations

import pytest

from aiops_tui.domain.models import DataClassName as D
from aiops_tui.domain.models import DataPolicy as P
from aiops_tui.domain.prompt_rules import (
    CHECKLIST,
    describe,
    describe_all,
    forbidden_classes,
    promotion_why,
)
from aiops_tui.domain.safety import scan
from aiops_tui.domain.text import fill, variables
from aiops_tui.widgets.prompt_text import coloured_diff, highlight_variables, preview

DEFAULT_POLICY = {
    D.PUBLIC: P.ALLOWED,
    D.INTERNAL: P.ALLOWED,
    D.CONFIDENTIAL: P.NEEDS_APPROVAL,
    D.CUSTOMER_PERSONAL: P.NEEDS_APPROVAL,
    D.FINANCIAL: P.NEEDS_APPROVAL,
    D.CREDENTIALS: P.FORBIDDEN,
}


# -- variables -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hello {{name}}", ["name"]),
        ("{{ a }} and {{a}} and {{b.c}} {{d-e}}", ["a", "b.c", "d-e"]),
        ("no placeholders { name } {{}} {{ two words }}", []),
        ("{{second}} {{first}} {{second}}", ["second", "first"]),
        ("", []),
    ],
)
def test_variables_are_distinct_names_in_order(body: str, expected: list[str]) -> None:
    assert variables(body) == expected


def test_fill_leaves_unknown_placeholders_and_does_not_expand_twice() -> None:
    assert fill("{{a}} {{ b }} {{c}}", {"a": "{{c}}", "b": "B"}) == "{{c}} B {{c}}"


def test_highlight_styles_exactly_the_placeholders() -> None:
    content = highlight_variables("Hi {{name}}, re {{ topic }}.")
    assert content.plain == "Hi {{name}}, re {{ topic }}."
    styled = sorted(content.plain[s.start : s.end] for s in content.spans)
    assert styled == ["{{ topic }}", "{{name}}"]


def test_preview_fills_typed_values_and_marks_the_rest() -> None:
    content = preview("Dear {{name}}, about {{topic}}", {"name": "Ana", "topic": ""})
    assert content.plain == "Dear Ana, about {{topic}}"
    styles = {content.plain[s.start : s.end]: str(s.style) for s in content.spans}
    assert "success" in styles["Ana"] and "warning" in styles["{{topic}}"]


def test_coloured_diff_colours_added_removed_and_hunks() -> None:
    content = coloured_diff(["--- v1", "+++ v2", "@@ -1 +1 @@", "-old", "+new", " same"])
    styles = {content.plain[s.start : s.end]: str(s.style) for s in content.spans}
    assert "error" in styles["-old"] and "success" in styles["+new"]
    assert "primary" in styles["@@ -1 +1 @@"]
    assert " same" not in styles
    assert "same body" in coloured_diff([]).plain


# -- safety scan: true positives ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "data_class"),
    [
        ("use key sk-proj4f9a8b7c6d5e4f3a2b1c0d9e8f7a", "api_key", D.CREDENTIALS),
        ("aws AKIAIOSFODNN7EXAMPLE here", "aws_key", D.CREDENTIALS),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIE...", "private_key", D.CREDENTIALS),
        ("token ghp_" + "a1B2c3D4e5" * 4, "github_token", D.CREDENTIALS),
        ("Authorization: Bearer abc123def456ghi789jkl0", "bearer_token", D.CREDENTIALS),
        ("db_password = hunter2hunter2", "secret", D.CREDENTIALS),
        ("write to jane.doe@acme.io today", "email", D.CUSTOMER_PERSONAL),
        ("call +44 20 7946 0958", "phone", D.CUSTOMER_PERSONAL),
        ("or (555) 123-4567", "phone", D.CUSTOMER_PERSONAL),
        ("card 4111 1111 1111 1111 exp 12/28", "card_number", D.FINANCIAL),
    ],
)
def test_scan_finds_secrets_and_personal_data(text: str, kind: str, data_class: D) -> None:
    findings = scan(text)
    assert [(f.kind, f.data_class) for f in findings] == [(kind, data_class)]


def test_findings_are_masked_and_carry_the_line() -> None:
    secret = "sk-proj4f9a8b7c6d5e4f3a2b1c0d9e8f7a"
    [finding] = scan(f"first line\nkey {secret}")
    assert finding.line == 2
    assert secret not in finding.excerpt and secret not in describe(finding)
    assert "line 2" in describe(finding)


# -- safety scan: false positives -----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Email {{customer_email}} about {{phone}}",
        "Released version 1.2.3 on 2026-11-23, build 20261123",
        "Server 192.168.10.254 answered",
        "see sk-customer-onboarding-flow in the docs",
        "api_key: {{api_key}}  password = ********",
        "Order 4111 1111 1111 1112 (not a valid card)",
        "logo at brand@2x.png",
        "Keep replies under 120 words; offer 2 meeting times.",
        "tokens are counted per 1000 words",
    ],
)
def test_scan_ignores_look_alikes(text: str) -> None:
    assert scan(text) == []


# -- which data classes a prompt may not contain ---------------------------------------
def test_prompt_without_workflow_follows_the_global_policy_only() -> None:
    assert forbidden_classes(DEFAULT_POLICY, None) == {D.CREDENTIALS}


def test_workflow_must_list_classes_that_need_approval() -> None:
    forbidden = forbidden_classes(DEFAULT_POLICY, [D.CUSTOMER_PERSONAL])
    assert forbidden == {D.CREDENTIALS, D.CONFIDENTIAL, D.FINANCIAL}


def test_a_globally_forbidden_class_stays_forbidden_even_if_listed() -> None:
    assert D.CREDENTIALS in forbidden_classes(DEFAULT_POLICY, [D.CREDENTIALS])


def test_allowed_classes_never_forbidden() -> None:
    assert D.PUBLIC not in forbidden_classes(DEFAULT_POLICY, [])


# -- promotion checklist ---------------------------------------------------------------
ALL = [key for key, _ in CHECKLIST]


def test_all_ticked_promotes_without_a_reason() -> None:
    assert promotion_why(ALL, "") == "checklist ticked"


def test_missing_line_needs_an_override_reason() -> None:
    with pytest.raises(ValueError, match="reason"):
        promotion_why(["note", "tried"], "  ")
    why = promotion_why(["note"], "reviewer on leave")
    assert why == "reviewer on leave; override, not ticked: tried, reviewer"


def test_rollback_always_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="rollback"):
        promotion_why(ALL, "", rollback=True)
    assert promotion_why(ALL, "v3 invents prices", rollback=True).startswith(
        "rollback: v3 invents prices"
    )


def test_unknown_checklist_line_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        promotion_why([*ALL, "vibes"], "")


# -- describing findings and the promotion wording ------------------------------------
def test_describe_all_lists_five_and_counts_the_rest() -> None:
    findings = scan("\n".join(f"mail user{i}@example.com" for i in range(7)))
    text = describe_all(findings)
    assert text.count("email (customer_personal)") == 5
    assert text.endswith("; and 2 more")
    assert describe_all(findings[:5]).count("; ") == 4
    assert "more" not in describe_all(findings[:5])
    assert describe_all(findings, limit=6).endswith("; and 1 more")
    assert describe_all([]) == ""


def test_promotion_refusals_say_what_to_do() -> None:
    with pytest.raises(ValueError, match="^unknown checklist line: a, b$"):
        promotion_why(["b", "a", "note"], "")
    with pytest.raises(ValueError, match="^a rollback needs a reason: say what went wrong$"):
        promotion_why([key for key, _ in CHECKLIST], "  ", rollback=True)
    with pytest.raises(
        ValueError, match="^tick every line of the checklist or give a reason for overriding it$"
    ):
        promotion_why(["note"], "")

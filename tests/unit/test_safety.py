"""The safety scan: secrets and personal data found, masked, and fast on big texts."""

from __future__ import annotations

import random
import time

import pytest

from aiops_tui.domain.detectors import luhn_ok
from aiops_tui.domain.models import DataClassName
from aiops_tui.domain.safety import Finding, forbidden_findings, scan

CRED = DataClassName.CREDENTIALS
PERSONAL = DataClassName.CUSTOMER_PERSONAL
FINANCIAL = DataClassName.FINANCIAL

OPENAI_KEY = "sk-proj-abcDEF1234567890ghijKLMN9f2a"
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
GITHUB_TOKEN = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5"
SLACK_TOKEN = "xoxb-123456789012-1234567890123-abcdefGHIJklmnOPQR"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in scan(text)]


# --- secrets: true positives ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "excerpt"),
    [
        (f"key = {OPENAI_KEY}", "api_key", "sk-…9f2a"),
        (f"use {AWS_KEY} for s3", "aws_key", "AKIA…MPLE"),
        (f"token {GITHUB_TOKEN}", "github_token", None),
        (f"slack {SLACK_TOKEN}", "slack_token", "xoxb-…OPQR"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow...", "private_key", None),
        ("-----BEGIN PRIVATE KEY-----", "private_key", None),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "private_key", None),
        (f"Authorization: Bearer {JWT}", "bearer_token", "Bearer …0w5N"),
        ("DB_PASSWORD = 'Correct-Horse-42'", "secret", "PASSWORD=…"),
        ('{"api_key": "a1b2c3d4e5f6g7h8"}', "secret", "api_key=…"),
        ("OPENAI_API_KEY=abcd1234efgh", "secret", "API_KEY=…"),
        ("client_secret: 9f8e7d6c5b4a", "secret", "secret=…"),
        ("token=abcdefgh12", "secret", "token=…"),
        ("Secret: hunter2hunter2", "secret", "Secret=…"),
    ],
)
def test_secret_true_positives(text: str, kind: str, excerpt: str | None) -> None:
    findings = scan(text)
    assert [f.kind for f in findings] == [kind]
    assert findings[0].data_class == CRED
    assert findings[0].line == 1 or kind == "private_key"
    if excerpt is not None:
        assert findings[0].excerpt == excerpt


def test_github_excerpt_is_masked() -> None:
    (finding,) = scan(GITHUB_TOKEN)
    assert finding.excerpt == f"ghp_…{GITHUB_TOKEN[-4:]}"


def test_bearer_with_an_openai_key_is_reported_once_as_api_key() -> None:
    findings = scan(f"Authorization: Bearer {OPENAI_KEY}")
    assert [(f.kind, f.excerpt) for f in findings] == [("api_key", "sk-…9f2a")]


def test_assignment_of_a_known_key_is_reported_once() -> None:
    assert kinds(f"OPENAI_API_KEY={OPENAI_KEY}") == ["api_key"]


def test_excerpts_never_contain_the_secret() -> None:
    text = "\n".join(
        [
            OPENAI_KEY,
            AWS_KEY,
            GITHUB_TOKEN,
            SLACK_TOKEN,
            f"Bearer {JWT}",
            "password: Correct-Horse-42",
            "card 4111 1111 1111 1111",
            "mail jane.doe@example.com",
            "phone +44 20 7946 0958",
        ]
    )
    findings = scan(text)
    assert len(findings) == 9
    for secret in (OPENAI_KEY, AWS_KEY, GITHUB_TOKEN, SLACK_TOKEN, JWT, "Correct-Horse-42"):
        assert all(secret not in f.excerpt for f in findings)
    assert all("jane.doe" not in f.excerpt and "4111 1111" not in f.excerpt for f in findings)
    assert [f.line for f in findings] == list(range(1, 10))


# --- secrets: false positives -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the risk-assessment-for-quarterly-review page",
        "sk-customer-onboarding-flow-v-two",  # a slug, not a random key
        "task-1234567890abcdefghijkl",  # sk- inside a word
        "max_tokens=100000000",
        "tokens: 12345678901",
        "TOKEN_LIMIT=4000000000",
        "mypassword: something-long",
        "password: {{password}}",
        "password = ${DB_PASSWORD}",
        "password=********",
        "api_key: <your-api-key>",
        "api_key: YOUR_API_KEY_HERE",
        "token: os.environ['TOKEN']",
        "password: short",
        "the monkey: bananas-and-more",
        "key: customer_id_12345",
        "Bearer authentication-is-required-here",
        "the bearer of bad news",
        "BEGIN PUBLIC KEY",
        "-----BEGIN PUBLIC KEY-----",
        "AKIA is a prefix",
    ],
)
def test_secret_false_positives(text: str) -> None:
    assert scan(text) == []


# --- personal data: emails ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("write to jane.doe@example.com today", "j…@example.com"),
        ("<bob+tag@mail.example.co.uk>", "b…@mail.example.co.uk"),
        ("end of sentence x@ab.io.", "x…@ab.io"),
        ("Ana_Lopez-2@sub-domain.example.org, thanks", "A…@sub-domain.example.org"),
    ],
)
def test_email_true_positives(text: str, excerpt: str) -> None:
    findings = scan(text)
    assert [(f.kind, f.data_class, f.excerpt) for f in findings] == [("email", PERSONAL, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "icon@2x.png",
        "@mention in slack",
        "user@localhost",
        "{{customer_email}}",
        "email: {{ email }}",
        "a@b",
        "x" * 65 + "@example.com",  # local part longer than 64
    ],
)
def test_email_false_positives(text: str) -> None:
    assert scan(text) == []


# --- personal data: phones ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "call +44 20 7946 0958 now",
        "+1 (555) 123-4567",
        "+1-555-123-4567",
        "+4915112345678",
        "+33 1 23 45 67 89",
        "+44 (0)20 7946 0958",
        "(555) 123-4567",
        "555-123-4567",
        "555.123.4567.",
        "1-800-555-1234",
        "020 7946 0958",
        "06 12 34 56 78",
        "tel: (030) 1234 5678",
    ],
)
def test_phone_true_positives(text: str) -> None:
    findings = scan(text)
    assert [(f.kind, f.data_class) for f in findings] == [("phone", PERSONAL)]
    digits = "".join(ch for ch in text if ch.isdigit())
    assert findings[0].excerpt == "…" + digits[-4:]


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-15",
        "on 15.01.2024 10:30",
        "15.01.2024 1030",
        "2024-01-15 2024-02-15",
        "2021 2022 2023",
        "from 1999 to 2024",
        "version 10.0.19041.1234",
        "v1.2.3",
        "192.168.100.200",
        "10.0.0.1",
        "{{phone}}",
        "{{ phone: 555-123-4567 }}",
        "100 200 3000",  # area codes cannot start with 1 or 0
        "1700000000",
        "order 1234567890",
        "total 1,234,567.89",
        "ISBN 978-3-16-148410-0",
        "12:30:45",
        "+2024-01-15",
    ],
)
def test_phone_false_positives(text: str) -> None:
    assert scan(text) == []


# --- financial: card numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111111111111111",
        "5555 5555 5555 4444",
        "3782 822463 10005",
        "378282246310005",
        "6011 1111 1111 1117",
        "4222222222222",  # 13 digits
    ],
)
def test_card_true_positives(number: str) -> None:
    findings = scan(f"card: {number}, exp 12/29")
    assert [(f.kind, f.data_class) for f in findings] == [("card_number", FINANCIAL)]
    assert findings[0].excerpt == "…" + number.replace(" ", "").replace("-", "")[-4:]


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # fails Luhn
        "1234 5678 9012 3456",  # fails Luhn
        "0000 0000 0000 0000",  # passes Luhn, but not a card
        "41 11 11 11 11 11 11 11",  # not a card grouping
        "41111111111111111111111",  # too long
        "411111111111",  # too short
        "{{ card: 4111 1111 1111 1111 }}",
        "v4111111111111111",
    ],
)
def test_card_false_positives(text: str) -> None:
    assert kinds(text) == []


def test_luhn() -> None:
    assert luhn_ok("4111 1111 1111 1111")
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")
    assert not luhn_ok("")


# --- mixed text, lines, forbidden -------------------------------------------------------------


SAMPLE = """Draft reply for ticket 4821 (2024-03-01, v2.1.0)

Hi {{customer_name}},
we refunded card 4111 1111 1111 1111 and emailed ana@example.com.
Call us on +44 20 7946 0958.
debug: Authorization: Bearer sk-live1234567890abcdefghij
"""


def test_mixed_sample_kinds_lines_and_order() -> None:
    findings = scan(SAMPLE)
    assert [(f.kind, f.line) for f in findings] == [
        ("card_number", 4),
        ("email", 4),
        ("phone", 5),
        ("api_key", 6),
    ]


def test_crlf_line_numbers() -> None:
    findings = scan("hello\r\nworld\r\nmail ana@example.com\r\n")
    assert [f.line for f in findings] == [3]


def test_forbidden_findings_filters_by_data_class() -> None:
    findings = scan(SAMPLE)
    only_credentials = forbidden_findings(findings, {CRED})
    assert [f.kind for f in only_credentials] == ["api_key"]
    assert forbidden_findings(findings, set()) == []
    both = forbidden_findings(findings, {PERSONAL, FINANCIAL})
    assert [f.kind for f in both] == ["card_number", "email", "phone"]


def test_finding_is_frozen_and_hashable() -> None:
    finding = Finding(kind="email", data_class=PERSONAL, excerpt="a…@b.io", line=1)
    with pytest.raises(AttributeError):
        finding.line = 2  # type: ignore[misc]
    assert len({finding, finding}) == 1


def test_empty_and_clean_text() -> None:
    assert scan("") == []
    assert scan("A normal paragraph about weekly reviews, 3 prompts and 12% growth.") == []


def test_limit_keeps_the_first_findings() -> None:
    text = "".join(f"user{i}@example.com\n" for i in range(50))
    assert len(scan(text)) == 50
    limited = scan(text, limit=5)
    assert [f.line for f in limited] == [1, 2, 3, 4, 5]


# --- performance --------------------------------------------------------------------------------


def _ten_megabytes() -> str:
    rng = random.Random(7)
    words = [
        "the",
        "customer",
        "asked",
        "about",
        "invoice",
        "2024-01-15",
        "version",
        "1.2.3",
        "total",
        "1,234.50",
        "token",
        "password",
        "key",
        "email",
        "{{name}}",
        "192.168.0.1",
        "refund",
        "weekly",
        "report",
        "(see",
        "page",
        "12)",
        "order",
        "4111-1111",
        "ticket",
        "#4821",
        "+",
        "-",
        "=",
        ":",
        "/",
        ";",
        "sk-",
        "Bearer",
        "@team",
    ]
    lines = [" ".join(rng.choice(words) for _ in range(14)) for _ in range(20_000)]
    for i in range(0, len(lines), 997):
        lines[i] += f" contact user{i}@example.com or +44 20 7946 {i % 10000:04d}"
    text = "\n".join(lines)
    return (text * (10_000_000 // len(text) + 1))[:10_000_000]


@pytest.mark.timing
def test_scan_of_ten_megabytes_is_fast() -> None:
    text = _ten_megabytes()
    started = time.process_time()
    findings = scan(text)
    elapsed = time.process_time() - started
    assert findings  # the planted emails and phones are found
    assert elapsed < 2.0, f"scan took {elapsed:.2f}s of CPU for 10 MB"


@pytest.mark.timing
@pytest.mark.parametrize(
    "unit",
    [
        "a",
        "7",
        "1 ",
        "12-",
        "a@",
        "a@b.",
        "sk-",
        "+1 ",
        "password=",
        "{{",
        "(555) ",
        "1.",
        "x" * 60 + "@",
    ],
)
def test_adversarial_inputs_stay_linear(unit: str) -> None:
    text = unit * (2_000_000 // len(unit))
    started = time.process_time()
    scan(text)
    assert time.process_time() - started < 1.0


# --- text whose lower-case form is longer (the slower assignment path) --------------

ASSIGNMENTS = [
    "DB_PASSWORD = 'Correct-Horse-42'",
    '{"api_key": "a1b2c3d4e5f6g7h8"}',
    "OPENAI_API_KEY=abcd1234efgh",
    "client_secret: 9f8e7d6c5b4a",
    "token=abcdefgh12",
    "Secret: hunter2hunter2",
    "first line\nauth-key = 0a1b2c3d4e5f",
]
NOT_ASSIGNMENTS = [
    "mypassword: something-long",
    "password: {{password}}",
    "password=********",
    "max_tokens=100000000",
    "key: customer_id_12345",
]


def test_lower_casing_that_changes_the_length_is_detected() -> None:
    assert len("İ".lower()) != len("İ")


@pytest.mark.parametrize("text", ASSIGNMENTS)
def test_assignment_after_a_dotted_capital_i_is_still_found(text: str) -> None:
    """'İ' lower-cases to two characters, so the scan takes its case-insensitive path."""
    plain = [(f.kind, f.excerpt, f.line) for f in scan("I " + text)]
    dotted = [(f.kind, f.excerpt, f.line) for f in scan("İ " + text)]
    assert dotted == plain and [kind for kind, _, _ in dotted] == ["secret"]


@pytest.mark.parametrize("text", NOT_ASSIGNMENTS)
def test_placeholders_after_a_dotted_capital_i_are_not_secrets(text: str) -> None:
    assert scan("İstanbul: " + text) == []


# --- placeholders, limits and masks, each at its edge --------------------------------

CARD = "4111 1111 1111 1111"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("call {{" + CARD + "}}", False),
        ("{{x}} " + CARD, True),  # the placeholder closed before the number
        ("{{x\n" + CARD + "}}", True),  # a line break between the braces
        ("{{ " + CARD + "\n}}", True),
        ("{{" + " " * 198 + CARD + "}}", False),  # opening 200 characters back: still inside
        ("{{" + " " * 199 + CARD + "}}", True),  # 201 back: too far to count
        ("{{ " + CARD + " " * 198 + "}}", False),  # closing within 200 characters after
        ("{{ " + CARD + " " * 199 + "}}", True),
        ("{{a}} {{ " + CARD + " }}", False),  # the last opening counts, not the first
        ("{{x}} " + CARD + " }}", True),
        ("intro\n{{ " + CARD + " }}", False),  # a line break before the opening is fine
        ("{{ " + CARD + " }}\nnext", False),  # and one after the closing
        ("{{ " + CARD + " }}\n}}", False),
        (CARD + " {{x}}", True),  # a placeholder after the number
        ("x}} {{ " + CARD, True),  # a closing before the number
    ],
)
def test_a_number_inside_a_placeholder_on_one_line_is_not_a_finding(text: str, found: bool) -> None:
    assert kinds(text) == (["card_number"] if found else [])


def test_a_phone_has_at_most_fifteen_digits() -> None:
    assert [(f.kind, f.excerpt) for f in scan("+123456789012345")] == [("phone", "…2345")]
    assert scan("+1234567890123456") == []


def test_dates_and_runs_of_years_are_not_phones() -> None:
    assert scan("01 2026.11.23") == []
    assert scan("+19992000") == []


@pytest.mark.parametrize(
    "text",
    [
        "password = $DB_PASSWORD_VALUE",
        "password=%DB_PASS%",
        "password=aaaaaaaaaa",
        "token=abcxxxxdef1",
        "password=ab****cd12",
        "password=abc…def12",
        "password: required",
        "token=process.env.TOKEN_1",
        "password=env.DB_PASSWORD",
        "api_key=your-key-here-123",
        "token=abc(def)123",
        "token=abc[def]123",
    ],
)
def test_values_that_only_stand_in_for_a_secret_are_not_secrets(text: str) -> None:
    assert scan(text) == []


def test_a_short_token_shows_no_tail() -> None:
    assert [f.excerpt for f in scan("xoxb-12345abcde")] == ["xoxb-…"]  # 15 characters
    assert [f.excerpt for f in scan("xoxb-12345abcdef")] == ["xoxb-…cdef"]  # 16


def test_a_qualified_key_at_the_very_start_is_found() -> None:
    assert [(f.kind, f.excerpt) for f in scan("api_key=a1b2c3d4e5f6")] == [("secret", "api_key=…")]


def test_a_value_starting_with_a_capital_x_is_a_secret() -> None:
    assert kinds("password=Xylophone42") == ["secret"]


def test_a_skipped_placeholder_does_not_hide_a_later_secret() -> None:
    text = "password={{password}} password=hunter2hunter2"
    assert [(f.kind, f.excerpt) for f in scan(text)] == [("secret", "password=…")]


# --- overlaps, limits and lines (each pins one line of safety.scan / _dedupe) ---------------------


def test_findings_after_an_overlap_are_still_reported() -> None:
    findings = scan(f"Authorization: Bearer {OPENAI_KEY}\nmail ana@example.com")
    assert [(f.kind, f.line) for f in findings] == [("api_key", 1), ("email", 2)]


def test_two_findings_back_to_back_are_two() -> None:
    header = "-----BEGIN PRIVATE KEY-----"
    assert kinds(header + header) == ["private_key", "private_key"]
    assert kinds("+1 415 555 0134 415-555-0134") == ["phone", "phone"]


def test_a_secret_holding_other_findings_is_one_finding_the_most_specific() -> None:
    """The e-mail address is part of the password's value, whose most specific kind wins."""
    assert kinds(f"password=ana@example.com/{AWS_KEY}") == ["aws_key"]


def test_a_limit_of_one_keeps_the_first_and_none_keeps_nothing() -> None:
    text = "ana@example.com\nbob@example.com"
    assert [(f.excerpt, f.line) for f in scan(text, limit=1)] == [("a…@example.com", 1)]
    assert scan(text, limit=0) == []
    assert scan(text, limit=-1) == []


def test_a_line_break_at_the_very_start_counts() -> None:
    assert [f.line for f in scan("\nana@example.com")] == [2]
    assert [f.line for f in scan("\n\nana@example.com\n")] == [3]


# --- each kind's quick pre-check lets its every form through ------------------------------------


def test_every_github_token_form_is_found_even_all_in_one_text() -> None:
    tokens = [f"gh{kind}_" + kind * 36 for kind in "pousr"] + ["github_pat_11AB" + "c" * 20]
    findings = scan(" ".join(tokens))
    assert [f.excerpt for f in findings] == [
        "ghp_…pppp",
        "gho_…oooo",
        "ghu_…uuuu",
        "ghs_…ssss",
        "ghr_…rrrr",
        "github_pat_…cccc",
    ]
    for token in tokens:
        assert kinds(f"token {token}") == ["github_token"]


def test_a_fine_grained_github_token_is_not_found_inside_a_word() -> None:
    assert kinds("xgithub_pat_11AB" + "c" * 20) == []


def test_a_temporary_aws_key_is_found() -> None:
    (finding,) = scan("temp ASIAIOSFODNN7EXAMPLE here")
    assert (finding.kind, finding.excerpt) == ("aws_key", "ASIA…MPLE")


def test_each_pattern_looks_at_a_bounded_number_of_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_CANDIDATES matches (rejected or not) a pattern stops: the scan stays linear."""
    from aiops_tui.domain import detectors

    text = "a@b.png c@d.png e@f.png ana@example.com"  # three images' names, then an address
    monkeypatch.setattr(detectors, "MAX_CANDIDATES", 4)
    assert kinds(text) == ["email"]
    monkeypatch.setattr(detectors, "MAX_CANDIDATES", 3)
    assert kinds(text) == []

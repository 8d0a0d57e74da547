"""`aiops calendar` and `aiops due`: the cadence where the founder looks.

The calendar is read back with the maintained `icalendar` library: what a
calendar app would see, not our own strings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from aiops_tui.cli.main import main
from aiops_tui.domain.cadence import recurrence_rule
from aiops_tui.domain.models import IntervalKind, Ritual
from aiops_tui.storage.store import Store


def _calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_calendar_has_one_recurring_event_a_ritual(
    sample_store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_store.close()
    out = tmp_path / "cadence.ics"
    assert main(["calendar", "--db", str(db_path), "--out", str(out)]) == 0
    events = {str(e["SUMMARY"]): e for e in _calendar(out).walk("VEVENT")}
    assert sorted(events) == [
        "Cost and usage review",
        "Documentation update",
        "Prioritize next workflows",
        "Quarterly audit",
        "Weekly review",
    ]
    weekly = events["Weekly review"]
    assert weekly["RRULE"]["FREQ"] == ["WEEKLY"] and weekly["RRULE"]["BYDAY"] == ["MO"]
    assert weekly["DTSTART"].dt == date(2026, 11, 23)  # done last Monday: due today
    assert "[ ] Enter this week's metrics for live workflows" in str(weekly["DESCRIPTION"])
    assert "Owner: Ana Ruiz." in str(weekly["DESCRIPTION"])
    docs = events["Documentation update"]["RRULE"]
    assert (docs["FREQ"], docs["INTERVAL"], docs["BYDAY"]) == (["WEEKLY"], [2], ["TH"])
    audit = events["Quarterly audit"]["RRULE"]
    assert (audit["FREQ"], audit["INTERVAL"], audit["BYMONTHDAY"]) == (["MONTHLY"], [3], [1])
    assert events["Cost and usage review"]["RRULE"]["BYMONTHDAY"] == [1]
    # the same file again: the same UIDs, so a calendar updates instead of duplicating
    again = tmp_path / "again.ics"
    assert main(["calendar", "--db", str(db_path), "--out", str(again)]) == 0
    uids = [str(e["UID"]) for e in _calendar(again).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in _calendar(out).walk("VEVENT")]
    assert len(set(uids)) == 5
    assert main(["calendar", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.startswith("BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("interval", "every", "day", "first", "rule"),
    [
        ("weekly", None, 0, date(2026, 11, 23), "FREQ=WEEKLY;BYDAY=MO"),
        ("biweekly", None, 3, date(2026, 11, 26), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
        ("monthly", None, 15, date(2026, 12, 15), "FREQ=MONTHLY;BYMONTHDAY=15"),
        (
            "monthly",
            None,
            31,
            date(2026, 11, 30),
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
        ),
        ("quarterly", None, 1, date(2027, 1, 1), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1"),
        ("every_n_days", 10, None, date(2026, 11, 30), "FREQ=DAILY;INTERVAL=10"),
    ],
)
def test_recurrence_rules(
    interval: str, every: int | None, day: int | None, first: date, rule: str
) -> None:
    assert recurrence_rule(IntervalKind(interval), every, day, first) == rule


def test_every_n_days_and_hostile_names_parse(store: Store, db_path: Path, tmp_path: Path) -> None:
    store.rituals.add(
        Ritual(
            name="Backups; check, restore",
            interval="every_n_days",
            every_days=10,
            anchor="completion",
            checklist=["Restore one file, check it\nopens", "a \\ backslash"],
        )
    )
    store.close()
    out = tmp_path / "c.ics"
    assert main(["calendar", "--db", str(db_path), "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert [line for line in raw.split(b"\r\n") if len(line) > 75] == []  # folded lines
    events = {str(e["SUMMARY"]): e for e in _calendar(out).walk("VEVENT")}
    backups = events["Backups; check, restore"]
    assert backups["RRULE"]["FREQ"] == ["DAILY"] and backups["RRULE"]["INTERVAL"] == [10]
    text = str(backups["DESCRIPTION"])
    assert "[ ] Restore one file, check it\nopens" in text and "a \\ backslash" in text
    assert "Counted from the last completion" in text


def test_due_prints_due_and_overdue_and_exits_1_when_overdue(
    sample_store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_store.close()
    assert main(["due", "--db", str(db_path), "--date", "2026-11-23"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "overdue  Quarterly audit: due 2026-10-01 (53 days late), owner Ben Okafor",
        "overdue  Prioritize next workflows: due 2026-11-15 (8 days late), owner Ana Ruiz",
        "today    Weekly review: due 2026-11-23 (today), owner Ana Ruiz",
    ]


def test_due_is_silent_and_exits_0_when_nothing_is_due(
    store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for row in store.rituals.all_rows():
        store.rituals.update(row.ritual.model_copy(update={"active": False}))
    store.close()
    assert main(["due", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == ""


def test_export_html_is_one_self_contained_printable_file(
    sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    from markdown_it import MarkdownIt

    sample_store.close()
    out = tmp_path / "playbook.html"
    assert main(["export", "--db", str(db_path), "--date", "2026-11-23", "--html", str(out)]) == 0
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "<table>" in page and "<h3>Sales follow-up and pipeline summaries</h3>" in page
    assert "&lt;" not in MarkdownIt().render("x")  # the renderer is the one the tests know
    again = tmp_path / "again.html"
    assert main(["export", "--db", str(db_path), "--date", "2026-11-23", "--html", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()  # deterministic too

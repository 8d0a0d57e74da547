"""The cadence as an iCalendar file (RFC 5545): one recurring all-day event a ritual.

A founder lives in a calendar, not in aiops: each ritual becomes a recurring
event (its RRULE from domain.cadence.recurrence_rule) starting on its next due
day, with the checklist in the description. The UID is the ritual's id in this
database, so importing the file again updates the events instead of adding a
second copy. Rendering only: the caller passes the rituals and the moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aiops_tui.domain.cadence import interval_label, recurrence_rule
from aiops_tui.domain.models import Anchor
from aiops_tui.domain.text import inert
from aiops_tui.storage.rituals import RitualRow

PRODID = "-//aiops//cadence//EN"
LINE_OCTETS = 75


def _escape(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    text = inert(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after one space."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = LINE_OCTETS if not out else LINE_OCTETS - 1
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def ritual_uid(ritual_id: int) -> str:
    return f"ritual-{ritual_id}@aiops"


def _description(row: RitualRow) -> str:
    r = row.ritual
    lines = [f"{r.name}, {interval_label(r.interval, r.every_days, r.anchor, r.anchor_day)}."]
    if row.owner:
        lines.append(f"Owner: {row.owner}.")
    if r.anchor == Anchor.COMPLETION:
        lines.append("Counted from the last completion: after completing it, export again.")
    if r.checklist:
        lines.append("")
        lines.extend(f"[ ] {item}" for item in r.checklist)
    lines.append("")
    lines.append("Tick and complete it in aiops (Cadence, 5).")
    return "\n".join(lines)


def render_calendar(rows: Sequence[RitualRow], stamp: datetime) -> str:
    """The VCALENDAR text with CRLF line ends, rituals by name (stable order)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:aiops cadence",
    ]
    for row in sorted(rows, key=lambda r: (r.ritual.name.lower(), r.ritual.id or 0)):
        r = row.ritual
        first = row.next_due
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ritual_uid(r.id or 0)}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}",
            f"RRULE:{recurrence_rule(r.interval, r.every_days, r.anchor_day, first)}",
            f"SUMMARY:{_escape(r.name)}",
            f"DESCRIPTION:{_escape(_description(row))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))

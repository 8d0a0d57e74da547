"""Short coloured words for statuses, risks and due states."""

from __future__ import annotations

from rich.text import Text

STATUS_STYLE = {
    "idea": "dim",
    "proposed": "cyan",
    "approved": "blue",
    "pilot": "magenta",
    "live": "bold green",
    "paused": "yellow",
    "retired": "dim strike",
    "shadow": "bold red",
    "pending": "yellow",
    "approved_review": "green",
    "changes_requested": "magenta",
    "rejected": "red",
}

RISK_STYLE = {"low": "green", "medium": "yellow", "high": "bold red"}
DUE_STYLE = {"overdue": "bold red", "today": "bold yellow", "soon": "yellow", "later": ""}


def status_text(status: str) -> Text:
    return Text(str(status), style=STATUS_STYLE.get(str(status), ""))


def review_status_text(status: str) -> Text:
    key = "approved_review" if status == "approved" else status
    return Text(str(status).replace("_", " "), style=STATUS_STYLE.get(key, ""))


def risk_text(risk: str) -> Text:
    return Text(str(risk), style=RISK_STYLE.get(str(risk), ""))


def due_text(label: str, state: str) -> Text:
    return Text(label, style=DUE_STYLE.get(state, ""))


def yes_no(flag: bool) -> Text:
    return Text("yes", style="bold") if flag else Text("no", style="dim")

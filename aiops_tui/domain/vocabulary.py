"""The words of the domain: statuses, risks, directions, decisions, intervals.

Kept apart from the pydantic models so the command line's read-only paths
(`aiops check`, `due`, `export`) can name a status without importing pydantic;
`domain.models` re-exports every name, so either import works.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Area(StrEnum):
    SALES = "sales"
    CONTENT = "content"
    SUPPORT = "support"
    REPORTING = "reporting"
    OPERATIONS = "operations"
    RESEARCH = "research"
    OTHER = "other"


class Status(StrEnum):
    IDEA = "idea"
    PROPOSED = "proposed"
    APPROVED = "approved"
    PILOT = "pilot"
    LIVE = "live"
    PAUSED = "paused"
    RETIRED = "retired"
    SHADOW = "shadow"


ACTIVE_STATUSES: tuple[Status, ...] = (Status.APPROVED, Status.PILOT, Status.LIVE)


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class DataPolicy(StrEnum):
    ALLOWED = "allowed"
    NEEDS_APPROVAL = "needs_approval"
    FORBIDDEN = "forbidden"


class DataClassName(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    CUSTOMER_PERSONAL = "customer_personal"
    FINANCIAL = "financial"
    CREDENTIALS = "credentials"


class ReviewStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


class Decision(StrEnum):
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


class IntervalKind(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    EVERY_N_DAYS = "every_n_days"


class Anchor(StrEnum):
    CALENDAR = "calendar"
    COMPLETION = "completion"


_REVIEW_RULE = re.compile(r"^(always|none|sample:(\d{1,3}))$")


def parse_review_rule(rule: str) -> tuple[str, int]:
    """Return (kind, percent): ('always', 100), ('none', 0) or ('sample', N)."""
    match = _REVIEW_RULE.match(rule.strip())
    if not match:
        raise ValueError("must be 'always', 'none' or 'sample:N' (N a percent from 1 to 100)")
    if match.group(2) is not None:
        percent = int(match.group(2))
        if not 1 <= percent <= 100:
            raise ValueError("sample percent must be from 1 to 100")
        return "sample", percent
    return (match.group(1), 100 if match.group(1) == "always" else 0)

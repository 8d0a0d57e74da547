"""Pydantic models and enums for the aiops domain.

The models are the single source of validation: forms, the CLI and the
repositories all build one of these before writing, so a bad value is refused
with the same message wherever it comes from.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from aiops_tui.domain.policy import policy_violations
from aiops_tui.domain.text import UNSAFE
from aiops_tui.domain.vocabulary import (
    ACTIVE_STATUSES as ACTIVE_STATUSES,
)
from aiops_tui.domain.vocabulary import (
    Anchor as Anchor,
)
from aiops_tui.domain.vocabulary import (  # re-exported: callers import them from models too
    Area as Area,
)
from aiops_tui.domain.vocabulary import (
    DataClassName as DataClassName,
)
from aiops_tui.domain.vocabulary import (
    DataPolicy as DataPolicy,
)
from aiops_tui.domain.vocabulary import (
    Decision as Decision,
)
from aiops_tui.domain.vocabulary import (
    Direction as Direction,
)
from aiops_tui.domain.vocabulary import (
    IntervalKind as IntervalKind,
)
from aiops_tui.domain.vocabulary import (
    ReviewStatus as ReviewStatus,
)
from aiops_tui.domain.vocabulary import (
    Risk as Risk,
)
from aiops_tui.domain.vocabulary import (
    Status as Status,
)
from aiops_tui.domain.vocabulary import (
    parse_review_rule as parse_review_rule,
)

NAME_MAX = 200
TEXT_MAX = 20_000_000  # 20 MB: review outputs may be long, but not unbounded


STORED = {"stored": True}
"""Validation context of a row read back (storage/rows.to_model): what was stored under
older, looser rules (a bidi override in a name) is shown inert, never refused."""


def _name_field(value: str, info: ValidationInfo) -> str:
    """`_clean_name` for new input; a stored row's name is taken as it was stored."""
    return value if info.context == STORED else _clean_name(value)


def _clean_name(value: str) -> str:
    """Names are shown in tables and headings: strip, refuse control characters.

    Refused: C0 (tab and line breaks too), DEL, C1, bidi overrides and lone
    surrogates, the set `domain.text.inert` would have to show inert.
    """
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    if len(value) > NAME_MAX:
        raise ValueError(f"is {len(value)} characters; the limit is {NAME_MAX}")
    found = UNSAFE.search(value)
    if found:
        raise ValueError(
            f"must not contain control characters or line breaks (found {found.group()!r})"
        )
    return value


CleanName = Annotated[str, AfterValidator(_name_field)]


def _line_field(value: str, info: ValidationInfo) -> str:
    """An optional one-line value (a vendor, a unit, who): `_clean_name`, but may be empty."""
    if info.context == STORED or not value.strip():
        return value if info.context == STORED else ""
    return _clean_name(value)


CleanLine = Annotated[str, AfterValidator(_line_field)]
"""Shown on one line in tables and headings like a name, but optional."""


class Model(BaseModel):
    model_config = ConfigDict(validate_assignment=True, use_enum_values=False)


class Person(Model):
    id: int | None = None
    name: CleanName
    email: str | None = None
    active: bool = True

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) or len(value) > NAME_MAX:
            raise ValueError("is not an email address like name@example.com")
        return value


class SuccessMetric(Model):
    name: CleanLine = ""
    unit: CleanLine = ""
    baseline: float | None = None
    target: float | None = None
    direction: Direction = Direction.HIGHER

    @property
    def defined(self) -> bool:
        return bool(self.name.strip())


class Workflow(Model):
    id: int | None = None
    name: CleanName
    summary: str = ""
    area: Area = Area.OTHER
    status: Status = Status.IDEA
    owner_id: int | None = None
    builder_id: int | None = None
    reviewer_id: int | None = None
    doc_owner_id: int | None = None
    frequency_per_month: int = Field(default=0, ge=0, le=100_000)
    structure: int = Field(default=3, ge=1, le=5)
    value: int = Field(default=3, ge=1, le=5)
    risk: Risk = Risk.LOW
    customer_facing: bool = False
    review_rule: str = "none"
    signoff_id: int | None = None
    allowed_data: list[DataClassName] = Field(default_factory=list)
    current_state: str = ""
    target_state: str = ""
    metric: SuccessMetric = Field(default_factory=SuccessMetric)
    max_review_age_days: int = Field(default=3, ge=1, le=365)
    last_reviewed_at: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @field_validator("review_rule")
    @classmethod
    def _rule(cls, value: str) -> str:
        parse_review_rule(value)
        return value.strip()

    @property
    def priority(self) -> int:
        return self.frequency_per_month * self.structure * self.value

    @model_validator(mode="after")
    def _policy(self) -> Workflow:
        problems = policy_violations(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class DataClass(Model):
    name: DataClassName
    policy: DataPolicy
    description: str = ""


class Tool(Model):
    id: int | None = None
    name: CleanName
    vendor: CleanLine = ""
    category: CleanLine = "other"
    monthly_cost: float = Field(default=0.0, ge=0, le=10_000_000)

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        return value.strip().lower() or "other"


class Prompt(Model):
    id: int | None = None
    name: CleanName
    workflow_id: int | None = None
    description: str = ""
    created_at: datetime | None = None


class PromptVersion(Model):
    id: int | None = None
    prompt_id: int
    number: int = Field(ge=1)
    body: str = Field(min_length=1, max_length=1_000_000)
    change_note: str
    author: CleanLine = ""
    created_at: datetime

    @field_validator("change_note")
    @classmethod
    def _note(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("is required: say what changed and why")
        return value


class LabelMove(Model):
    id: int | None = None
    prompt_id: int
    label: str
    from_version: int | None = None
    to_version: int
    who: CleanLine = ""
    why: str = ""
    moved_at: datetime


class ReviewItem(Model):
    id: int | None = None
    workflow_id: int
    prompt_version_id: int | None = None
    title: CleanName
    input: str = Field(default="", max_length=TEXT_MAX)
    output: str = Field(max_length=TEXT_MAX)
    source: CleanLine = ""
    submitted_at: datetime
    status: ReviewStatus = ReviewStatus.PENDING
    needs_signoff: bool = False
    data_flags: list[str] = Field(default_factory=list)
    revises_id: int | None = None
    """The item whose requested changes this draft answers (its revision chain)."""


class ReviewDecision(Model):
    id: int | None = None
    item_id: int
    reviewer: CleanLine
    decision: Decision
    note: str = ""
    accuracy: int | None = Field(default=None, ge=1, le=5)
    fit: int | None = Field(default=None, ge=1, le=5)
    corrected_output: str | None = None
    edit_ratio: float | None = None
    decided_at: datetime

    @model_validator(mode="after")
    def _note_required(self) -> ReviewDecision:
        if self.decision != Decision.APPROVED and not self.note.strip():
            raise ValueError("a note is required when requesting changes or rejecting")
        return self


class Ritual(Model):
    id: int | None = None
    name: CleanName
    interval: IntervalKind = IntervalKind.WEEKLY
    every_days: int | None = Field(default=None, ge=1, le=3650)
    anchor: Anchor = Anchor.CALENDAR
    anchor_day: int | None = Field(default=None, ge=0, le=31)
    owner_id: int | None = None
    checklist: list[str] = Field(default_factory=list)
    active: bool = True
    created_at: datetime | None = None

    @model_validator(mode="after")
    def _interval(self) -> Ritual:
        if self.interval == IntervalKind.EVERY_N_DAYS and not self.every_days:
            raise ValueError("every_n_days needs a number of days")
        return self

    @field_validator("anchor_day")
    @classmethod
    def _anchor_fits_interval(cls, value: int | None, info: ValidationInfo) -> int | None:
        """Checked per field so a form shows the reason beside the anchor day."""
        interval = info.data.get("interval")
        weekly = interval in (IntervalKind.WEEKLY, IntervalKind.BIWEEKLY)
        monthly = interval in (IntervalKind.MONTHLY, IntervalKind.QUARTERLY)
        if value is not None and weekly and not 0 <= value <= 6:
            raise ValueError("a weekly anchor is a weekday from 0 (Monday) to 6 (Sunday)")
        if value is not None and monthly and not 1 <= value <= 31:
            raise ValueError("a monthly anchor is a day of the month from 1 to 31")
        return value


class Completion(Model):
    id: int | None = None
    ritual_id: int
    who: CleanLine = ""
    completed_at: datetime
    notes: str = ""
    ticked: list[int] = Field(default_factory=list)


SUCCESS_SERIES = ""
"""The series name of a workflow's own success metric; extras have names of their own."""


def _series_name(value: str) -> str:
    """'' (the success metric) or an extra series' name, clean like any name."""
    return value.strip() and _clean_name(value)


class MetricEntry(Model):
    id: int | None = None
    workflow_id: int
    date: date
    series: Annotated[str, AfterValidator(_series_name)] = SUCCESS_SERIES
    value: float = Field(ge=-1e12, le=1e12)
    note: str = ""


class ExtraSeries(Model):
    """A series a workflow records beside its success metric, under a name the user gave."""

    workflow_id: int
    name: CleanName
    unit: str = Field(default="", max_length=40)
    direction: Direction = Direction.HIGHER


class ChangeEvent(Model):
    id: int | None = None
    at: datetime
    who: str = ""
    entity: str
    entity_id: int | None = None
    action: str
    summary: str

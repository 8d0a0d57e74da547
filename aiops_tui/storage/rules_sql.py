"""The domain's rules written as SQL conditions, built from the domain's constants.

The dashboard's figures are SQL aggregates (10,000 workflows in a few ms), so
the rules they count by are written once more as SQL, here only, from the same
constants; tests/unit/test_rules_sql.py proves each condition picks exactly the
rows the Python rule does. Conditions name the workflows table `w`.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiops_tui.domain.policy import ALWAYS, HIGH_RISK
from aiops_tui.domain.vocabulary import ACTIVE_STATUSES


def sql_in(values: Iterable[str]) -> str:
    """A literal SQL list, `('a', 'b')`, of fixed words (never user input)."""
    return "(" + ", ".join("'" + str(value).replace("'", "''") + "'" for value in values) + ")"


ACTIVE = sql_in(ACTIVE_STATUSES)
"""models.ACTIVE_STATUSES: `status IN {ACTIVE}`."""

NEEDS_REVIEW = f"(w.customer_facing = 1 OR w.risk = '{HIGH_RISK}')"
"""policy.requires_review."""
SIGNED_OFF = f"(w.review_rule = '{ALWAYS}' AND w.signoff_id IS NOT NULL)"
"""policy.signed_off."""
POLICY_OK = f"(NOT {NEEDS_REVIEW} OR {SIGNED_OFF})"
POLICY_GAP = f"{NEEDS_REVIEW} AND NOT {SIGNED_OFF}"
"""NOT POLICY_OK, written as the partial index workflows_policy_gap's condition so that
SQLite uses the index (it matches the terms as written)."""

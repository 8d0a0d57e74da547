"""What the six fixed metric kinds of schema 4 and earlier became.

Until schema 5 every metric entry had one of six kinds, whatever the workflow
measured. Schema 5 keeps each workflow's most-recorded kind as its success
metric's own series and turns every other kind into an extra series with the
name, unit and direction below, so no entry is lost and none changes meaning.
"""

from __future__ import annotations

from aiops_tui.domain.vocabulary import Direction

LEGACY_KINDS: dict[str, tuple[str, str, Direction]] = {
    "time_saved_minutes": ("Time saved", "minutes", Direction.HIGHER),
    "quality_score": ("Quality score", "", Direction.HIGHER),
    "throughput": ("Throughput", "items", Direction.HIGHER),
    "rework_count": ("Rework", "items", Direction.LOWER),
    "cost": ("Cost", "", Direction.LOWER),
    "adoption_pct": ("Adoption", "%", Direction.HIGHER),
}
"""Old kind -> (series name, unit, which way is better)."""

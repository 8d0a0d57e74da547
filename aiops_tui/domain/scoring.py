"""Where should AI be used first? Often, structured and valuable work."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PriorityParts:
    frequency_per_month: int
    structure: int
    value: int

    @property
    def score(self) -> int:
        return priority_score(self.frequency_per_month, self.structure, self.value)

    def explain(self) -> str:
        return (
            f"{self.frequency_per_month}/mo x structure {self.structure}"
            f" x value {self.value} = {self.score}"
        )


def priority_score(frequency_per_month: int, structure: int, value: int) -> int:
    """Frequency x structure x value: the seed advice made into one number."""
    return max(0, frequency_per_month) * structure * value

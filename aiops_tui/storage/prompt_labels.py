"""Labels on prompt versions: `production` (what the workflow uses), `staging` and
any other, each move appended to `label_moves` with who, when and why.

PromptsRepo (prompts.py) builds on PromptLabels, so `store.prompts.promote()`
reads as before; moving production needs the promotion checklist
(domain/prompt_rules.py), and moving it back to an older version is the rollback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiops_tui.domain.models import LabelMove, Prompt, PromptVersion
from aiops_tui.domain.prompt_rules import promotion_why
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.rows import to_model
from aiops_tui.storage.undo import rows_added, rows_where, undoable

PRODUCTION = "production"
STAGING = "staging"


class PromptLabels:
    """Reading and moving labels; needs the repository's `get` and `version`."""

    db: Database

    if TYPE_CHECKING:

        def get(self, prompt_id: int) -> Prompt | None: ...
        def version(self, prompt_id: int, number: int) -> PromptVersion | None: ...

    def labels(self, prompt_id: int) -> dict[str, int]:
        """Label name -> version number."""
        rows = self.db.query(
            "SELECT l.label, v.number FROM prompt_labels l JOIN prompt_versions v"
            " ON v.id = l.version_id WHERE l.prompt_id = ? ORDER BY l.label",
            (prompt_id,),
        )
        return {r[0]: r[1] for r in rows}

    def production(self, prompt_id: int) -> PromptVersion | None:
        row = self.db.query_one(
            "SELECT v.* FROM prompt_labels l JOIN prompt_versions v ON v.id = l.version_id"
            " WHERE l.prompt_id = ? AND l.label = 'production'",
            (prompt_id,),
        )
        return to_model(PromptVersion, row) if row else None

    def label_history(self, prompt_id: int, limit: int = -1) -> list[LabelMove]:
        """Label moves, newest first; `limit` keeps the screen's read small (-1: all)."""
        rows = self.db.query(
            "SELECT * FROM label_moves WHERE prompt_id = ? ORDER BY id DESC LIMIT ?",
            (prompt_id, limit),
        )
        return [to_model(LabelMove, r) for r in rows]

    def move_label(
        self, prompt_id: int, label: str, number: int, why: str = "", who: str | None = None
    ) -> LabelMove:
        """Point a label at a version; moving production backwards is the rollback."""
        label = label.strip().lower()
        if not label or len(label) > 40 or not label.replace("-", "").replace("_", "").isalnum():
            raise StoreError("a label is one word of letters, digits, - or _ (at most 40)")
        prompt = self.get(prompt_id)
        if prompt is None:
            raise StoreError("that prompt no longer exists")
        target = self.version(prompt_id, number)
        if target is None:
            raise StoreError(f"{prompt.name} has no version {number}")
        old = self.labels(prompt_id).get(label)
        if old == number:
            raise StoreError(f"{label} already points at v{number}")
        actor = who if who is not None else self.db.actor
        watches = (
            rows_where("prompt_labels", prompt_id=prompt_id, label=label),
            rows_added("label_moves"),
        )
        with undoable(self.db, *watches) as conn:
            conn.execute(
                "INSERT INTO prompt_labels (prompt_id, label, version_id) VALUES (?, ?, ?)"
                " ON CONFLICT (prompt_id, label) DO UPDATE SET version_id = excluded.version_id",
                (prompt_id, label, target.id),
            )
            cur = conn.execute(
                "INSERT INTO label_moves (prompt_id, label, from_version, to_version, who, why,"
                " moved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (prompt_id, label, old, number, actor, why.strip(), self.db.now_iso()),
            )
            kind = "rollback" if old is not None and number < old else "label"
            self.db.record_change(
                "prompt",
                prompt_id,
                kind,
                f"{prompt.name}: {label} label: "
                + (f"v{old} → v{number}" if old is not None else f"set to v{number}")
                + (f", why: {why.strip()}" if why.strip() else ""),
                who=actor,
            )
        return LabelMove(
            id=cur.lastrowid,
            prompt_id=prompt_id,
            label=label,
            from_version=old,
            to_version=number,
            who=actor,
            why=why.strip(),
            moved_at=self.db.clock(),
        )

    def promote(
        self,
        prompt_id: int,
        number: int,
        ticked: list[str] | set[str],
        reason: str = "",
        who: str | None = None,
    ) -> LabelMove:
        """Point production at a version after the checklist (or an override reason).

        Going back to an older version is the rollback; it always needs a reason.
        """
        current = self.labels(prompt_id).get(PRODUCTION)
        rollback = current is not None and number < current
        try:
            why = promotion_why(ticked, reason, rollback=rollback)
        except ValueError as error:
            raise StoreError(str(error)) from None
        return self.move_label(prompt_id, PRODUCTION, number, why, who)

"""Data classes and whether AI may touch each."""

from __future__ import annotations

from aiops_tui.domain.models import DataClass, DataClassName, DataPolicy
from aiops_tui.storage.db import Database, StoreError
from aiops_tui.storage.undo import rows_where, undoable


class DataClassesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all_rows(self) -> list[DataClass]:
        rows = self.db.query("SELECT * FROM data_classes")
        order = {name: i for i, name in enumerate(DataClassName)}
        classes = [
            DataClass(name=r["name"], policy=r["policy"], description=r["description"])
            for r in rows
        ]
        return sorted(classes, key=lambda c: order[c.name])

    def policies(self) -> dict[DataClassName, DataPolicy]:
        return {c.name: c.policy for c in self.all_rows()}

    def forbidden(self) -> set[DataClassName]:
        return {c.name for c in self.all_rows() if c.policy == DataPolicy.FORBIDDEN}

    def set_policy(self, name: DataClassName, policy: DataPolicy) -> None:
        """Refused when it would forbid a class an active workflow lists as allowed."""
        name, policy = DataClassName(name), DataPolicy(policy)
        if policy == DataPolicy.FORBIDDEN:
            users = self.db.query(
                "SELECT w.name FROM workflows w, json_each(w.allowed_data) d"
                " WHERE d.value = ? AND w.status NOT IN ('retired') ORDER BY w.name LIMIT 3",
                (str(name),),
            )
            if users:
                names = ", ".join(r[0] for r in users)
                raise StoreError(
                    f"cannot forbid {name}: workflows list it as allowed data ({names})"
                )
        with undoable(self.db, rows_where("data_classes", name=str(name))) as conn:
            old = conn.execute(
                "SELECT policy FROM data_classes WHERE name = ?", (str(name),)
            ).fetchone()
            conn.execute(
                "UPDATE data_classes SET policy = ? WHERE name = ?", (str(policy), str(name))
            )
            self.db.record_change(
                "data_class",
                None,
                "update",
                f"data class {name}: {old[0] if old else '?'} -> {policy}",
            )

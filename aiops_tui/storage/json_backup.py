"""The JSON form of a backup: every table's rows, one row a line.

Readable and diffable, and independent of SQLite's file format. Reading the
dump happens in one transaction; restoring rebuilds the schema of the dump's
version, loads the rows and checks foreign keys and integrity.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from aiops_tui.storage.dump import (
    FORMAT,
    REQUIRED_TABLES,
    create_schema,
    dump_tables,
    load_tables,
)
from aiops_tui.storage.files import create_private
from aiops_tui.storage.migrations import SCHEMA_VERSION
from aiops_tui.storage.writer import ExportError


def write_json_dump(source: sqlite3.Connection, tmp: Path) -> None:
    """Every table, read in one transaction, into `tmp` (made private by the caller)."""
    if source.in_transaction:
        data = dump_tables(source)
    else:
        source.execute("BEGIN")  # one consistent read of every table
        try:
            data = dump_tables(source)
        finally:
            source.execute("ROLLBACK")
    create_private(tmp)
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(json_text(data))


def json_text(data: dict) -> str:
    """One row a line, so a diff between two backups reads row by row."""

    def enc(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = [
        "{",
        f' "format": {enc(data["format"])},',
        f' "schema_version": {enc(data["schema_version"])},',
        ' "tables": {',
    ]
    names = sorted(data["tables"])
    for i, name in enumerate(names):
        table = data["tables"][name]
        lines.append(f"  {enc(name)}: {{")
        lines.append(f'   "columns": {enc(table["columns"])},')
        rows = table["rows"]
        if rows:
            lines.append('   "rows": [')
            lines.extend(
                f"    {enc(row)}{',' if j < len(rows) - 1 else ''}" for j, row in enumerate(rows)
            )
            lines.append("   ]")
        else:
            lines.append('   "rows": []')
        lines.append("  }" + ("," if i < len(names) - 1 else ""))
    lines += [" }", "}", ""]
    return "\n".join(lines)


def read_json_backup(path: Path) -> dict:
    """The parsed dump of a usable JSON backup; ExportError says what is wrong."""
    if not path.is_file():
        raise ExportError(f"no file at {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportError(f"{path} is not a JSON backup of aiops ({error})") from None
    except RecursionError:
        raise ExportError(f"{path} is not a JSON backup of aiops (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportError(f"{path} is not a JSON backup of aiops")
    version = data.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise ExportError(f"{path} has no valid schema version")
    if version > SCHEMA_VERSION:
        raise ExportError(
            f"{path} was written by a newer aiops (schema {version}, this one knows"
            f" {SCHEMA_VERSION}); upgrade aiops first"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or not REQUIRED_TABLES.issubset(tables):
        raise ExportError(f"{path} is missing the aiops tables")
    return data


def json_into(data: dict, tmp: Path) -> None:
    create_private(tmp)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        create_schema(conn, data["schema_version"])
        load_tables(conn, data["tables"])
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise ExportError(f"the restored copy failed its check ({result})")
    except (ValueError, KeyError, TypeError, UnicodeEncodeError, sqlite3.Error) as error:
        raise ExportError(f"the JSON backup does not fit the aiops schema: {error}") from None
    finally:
        conn.close()

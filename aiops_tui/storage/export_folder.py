"""Writing `aiops export --dir` into a folder the person may share with other files.

Each file is written atomically (writer.write_text). The folder may already
hold a docs site or a git checkout, so the rules are strict: a file the last
export did not write (it is not in the manifest, domain.export_files) is never
overwritten or removed; the export is refused instead, before anything is
written. The manifest is rewritten first with every path this run may leave
behind, so an export cut short never leaves a file of its own unlisted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from aiops_tui.domain import export_files as names
from aiops_tui.storage.writer import ExportError, write_text


@dataclass(frozen=True)
class FolderWritten:
    folder: Path
    written: list[str]
    removed: list[str]


def _same_file(a: Path, b: Path | None) -> bool:
    try:
        return b is not None and a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def prepare_folder(folder: Path, forbid: Path | None = None) -> Path:
    """The folder, created if missing; a file (the database above all) is refused."""
    folder = folder.expanduser()
    if _same_file(folder, forbid):
        raise ExportError(f"{folder} is the database itself; give a folder for the export")
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create folder {folder}: {error.strerror or error}") from None
    return folder


def previous_files(folder: Path) -> set[str]:
    """The files the last export listed as its own (none when there is no manifest)."""
    manifest = folder / names.MANIFEST
    if not manifest.exists():
        return set()
    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"cannot read {manifest}: {error}") from None
    if not names.is_manifest(text):
        raise ExportError(f"{manifest} was not written by aiops; move it or choose another folder")
    return names.manifest_paths(text)


def _refuse_foreign(folder: Path, paths: list[str], ours: set[str]) -> None:
    foreign = [p for p in paths if p not in ours and os.path.lexists(folder / p)]
    if foreign:
        more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
        raise ExportError(
            f"{folder / foreign[0]}{more} was not written by aiops export;"
            " move it away or choose another folder"
        )


def _remove(folder: Path, path: str, forbid: Path | None) -> bool:
    """Remove one stale file of ours; a folder, link or the database is left alone."""
    target = folder / path
    if target.is_symlink() or not target.is_file() or _same_file(target, forbid):
        return False
    try:
        target.unlink()
    except OSError as error:
        raise ExportError(f"cannot remove {target}: {error.strerror or error}") from None
    return True


def write_folder(folder: Path, files: dict[str, str], forbid: Path | None = None) -> FolderWritten:
    """Write `files` (relative path -> text) into `folder` and remove the last export's
    files that are no longer in it. Returns what was written and removed."""
    for path in files:
        if not names.is_export_path(path):
            raise ValueError(f"{path!r} is not an export file name")
    folder = prepare_folder(folder, forbid)
    ours = previous_files(folder)
    ordered = sorted(files)
    _refuse_foreign(folder, ordered, ours)
    manifest = folder / names.MANIFEST
    write_text(manifest, names.manifest_text(ours | set(files)), forbid=forbid)
    for path in ordered:
        target = folder / path
        if not target.parent.is_dir():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ExportError(f"cannot create folder {target.parent}: {error}") from None
        write_text(target, files[path], forbid=forbid)
    removed = [p for p in names.stale(ours, files) if _remove(folder, p, forbid)]
    write_text(manifest, names.manifest_text(files), forbid=forbid)
    return FolderWritten(folder.resolve(), ordered, removed)

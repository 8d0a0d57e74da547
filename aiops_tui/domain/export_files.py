"""The names of the files `aiops export --dir` writes, and which of them are its own.

The folder is meant to live in git and in a docs site, so every file name is
stable and predictable: `index.md`, and one `workflows/<slug>-<id>.md` per
workflow, the slug from its name (readable in a sidebar and a diff), the id
making it unique (two names may slug alike, a name in another script may slug
to nothing). A rename gives a new file name; the old file is removed because
the export's manifest lists it as its own, and git shows a rename.

The manifest is the only authority on what the export may delete: a path it
does not list, or one that is not shaped like an export file, is never touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

INDEX = "index.md"
FOLDER = "workflows"
MANIFEST = ".aiops-export"
SLUG_LIMIT = 60

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_OURS = re.compile(rf"^(?:{re.escape(INDEX)}|{FOLDER}/[a-z0-9]+(?:-[a-z0-9]+)*\.md)$")
HEADER = (
    "# Written by aiops export --dir. The files listed are aiops's own: the next export\n"
    "# rewrites them and removes those it no longer writes. Nothing else here is touched.\n"
)


def slug(name: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens ("" when none)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    flat = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return flat[:SLUG_LIMIT].rstrip("-")


def sop_path(name: str, workflow_id: int) -> str:
    """`workflows/invoice-chasing-12.md`: the SOP file of one workflow, relative to the folder."""
    base = slug(name)
    return f"{FOLDER}/{base}-{workflow_id}.md" if base else f"{FOLDER}/workflow-{workflow_id}.md"


def is_export_path(path: str) -> bool:
    """Shaped like a file the export writes (no folder climbing, no other name)."""
    return bool(_OURS.match(path))


def manifest_text(paths: Iterable[str]) -> str:
    """The manifest: the header, then the paths sorted, one a line (same set, same bytes)."""
    return HEADER + "".join(f"{p}\n" for p in sorted(set(paths)))


def is_manifest(text: str) -> bool:
    """A manifest this module wrote (a file of the user's with the same name is not)."""
    return text.startswith(HEADER.split("\n", 1)[0])


def manifest_paths(text: str) -> set[str]:
    """The export files a manifest lists; any line not shaped like one is ignored."""
    return {
        line.strip()
        for line in text.splitlines()
        if not line.startswith("#") and is_export_path(line.strip())
    }


def stale(previous: Iterable[str], current: Iterable[str]) -> list[str]:
    """Files the last export wrote that this one does not: the ones to remove, sorted."""
    now = set(current)
    return sorted(p for p in set(previous) if p not in now and is_export_path(p))

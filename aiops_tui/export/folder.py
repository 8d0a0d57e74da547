"""The playbook as a folder: `index.md` and one SOP file per active workflow.

For a docs site or a git repository: each workflow's procedure is its own page
(`workflows/<slug>-<id>.md`, domain.export_files), and the index is the
playbook with the workflows as links to those pages instead of in full.
Deterministic like the playbook: the same database and day give the same
bytes in every file. Every file passes the structure check before any is
written (storage.export_folder writes them).
"""

from __future__ import annotations

from datetime import date

from aiops_tui.domain import export_files as names
from aiops_tui.domain.models import ACTIVE_STATUSES
from aiops_tui.export.playbook import read_for, render_playbook, render_sop
from aiops_tui.export.structure import check_structure
from aiops_tui.storage.store import Store


def render_folder(store: Store, on: date) -> dict[str, str]:
    """Relative path -> checked Markdown for every file of the folder.

    The SOPs are for the workflows the playbook covers (approved, pilot, live):
    the ones the team may run with AI. A workflow paused, retired or not yet
    approved has no page; its old page is removed by the next export.
    """
    active = store.workflows.with_status(ACTIVE_STATUSES)
    reads = read_for(store, active, on)  # once for every file, not once a file
    paths = {wf.id or 0: names.sop_path(wf.name, wf.id or 0) for wf in active}
    files = {names.INDEX: render_playbook(store, on, sop_files=paths, reads=reads)}
    for wf in active:
        path = paths[wf.id or 0]
        back = "../" * path.count("/") + names.INDEX
        files[path] = render_sop(store, wf, on, index=back, reads=reads)
    return {path: check_structure(text, path) for path, text in files.items()}

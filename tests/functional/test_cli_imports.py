"""Commands import what they use: none loads Textual, `--version` loads no storage.

Each command runs in a fresh interpreter (a module imported by another test
would hide what the command itself needs), then lists the modules it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aiops_tui.cli.main import COMMANDS
from aiops_tui.storage.store import Store

PROBE = """
import json, sys
from aiops_tui.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as done:  # --version exits through argparse
    code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def loaded(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
    last = done.stdout.strip().splitlines()[-1]
    answer = json.loads(last)
    return answer["code"], set(answer["modules"])


def test_version_loads_no_storage_settings_or_models(tmp_path: Path) -> None:
    code, modules = loaded(["--version"], tmp_path)
    assert code == 0
    assert not {"textual", "rich", "pydantic", "sqlite3"} & modules
    ours = {m for m in modules if m.startswith("aiops_tui.")}
    assert ours == {"aiops_tui.cli", "aiops_tui.cli.main"}
    assert "aiops_tui.cli.main" in modules


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["export", "--out", "playbook.md"],
        [
            "review",
            "add",
            "--workflow",
            "{workflow}",
            "--title",
            "Draft",
            "--output-file",
            "draft.txt",
        ],
        ["review", "import", "drafts.jsonl"],
        ["due"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_commands_never_load_textual(
    command: list[str], sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    if command[0] not in COMMANDS:
        pytest.skip(f"no `aiops {command[0]}` command yet")
    workflow = sample_store.workflows.names()[0][1]
    sample_store.close()
    (tmp_path / "draft.txt").write_text("A draft.\n", encoding="utf-8")
    line = {"workflow": workflow, "title": "Imported", "output": "A draft."}
    (tmp_path / "drafts.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    args = [part.replace("{workflow}", workflow) for part in command]
    code, modules = loaded([*args, "--db", str(tmp_path / db_path)], tmp_path)
    assert code in (0, 1), f"aiops {' '.join(args)} exited {code}"
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich")}
    assert not [m for m in modules if m.startswith(("aiops_tui.screens", "aiops_tui.widgets"))]
    assert "aiops_tui.app" not in modules


def test_check_loads_neither_pydantic_nor_the_models(
    sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    """`aiops check` is for a shell prompt or cron: its wait is mostly imports.

    The settings are a plain dataclass and the statuses live in
    `domain.vocabulary`, so nothing on its path needs pydantic.
    """
    sample_store.close()
    code, modules = loaded(["check", "--db", str(tmp_path / db_path)], tmp_path)
    assert code in (0, 1)
    assert "pydantic" not in modules
    assert "aiops_tui.domain.models" not in modules

"""Mutation testing of the rules and the escaping: run mutmut, print a score per module.

`make mutate` runs this. mutmut (the optional `mutate` dependency group) copies
the package into `mutants/`, changes one thing at a time (a flipped comparison,
`and` for `or`, a constant off by one, a dropped argument) and runs only the
unit tests that reach the changed function. A change no test notices is a
survivor: either a test is missing or the change does not alter behaviour
(an equivalent mutant). Equivalents are listed, each with its reason, in
tests/mutation_equivalents.md and left out of the score.

mutmut changes code inside functions only, so the tables and patterns at
module level (the lifecycle's transitions, the escaping's character sets) get
hand-written mutants here (TABLE_MUTANTS): each is applied to a copy of the
package and the named unit tests must fail.

The scope is the code that carries a rule: all of domain/, the rule-bearing
methods of storage (sign-off, needs-review, decisions, label moves, the
lifecycle) and the Markdown escaping. mutmut's own settings (which files it
may mutate, which tests it may run) are in pyproject.toml under [tool.mutmut];
SCOPE below narrows the storage files to their rule methods.

    python tools/mutation_report.py            # run mutmut, then report
    python tools/mutation_report.py --no-run   # report on the last run
    python tools/mutation_report.py --survivors  # ... and show each survivor's change
    python tools/mutation_report.py --only 'aiops_tui.domain.drift.*'  # rerun one module
    python tools/mutation_report.py --no-run --partial  # score what has been run so far
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.md"
MUTMUT = Path(sys.executable).parent / "mutmut"

# mutmut names a method's mutant module.xǁClassǁmethod__mutmut_N.
_M = "ǁ"
SCOPE: tuple[str, ...] = (
    "aiops_tui.domain.*",
    "aiops_tui.export.markdown.*",
    f"aiops_tui.storage.reviews.x{_M}ReviewsRepo{_M}add__mutmut_*",
    f"aiops_tui.storage.reviews.x{_M}ReviewsRepo{_M}decide__mutmut_*",
    f"aiops_tui.storage.reviews.x{_M}ReviewsRepo{_M}signoff_person__mutmut_*",
    f"aiops_tui.storage.workflows.x{_M}WorkflowsRepo{_M}update__mutmut_*",
    f"aiops_tui.storage.workflows.x{_M}WorkflowsRepo{_M}set_status__mutmut_*",
    f"aiops_tui.storage.prompt_labels.x{_M}PromptLabels{_M}move_label__mutmut_*",
    f"aiops_tui.storage.prompt_labels.x{_M}PromptLabels{_M}promote__mutmut_*",
)
"""Which mutants count: module patterns for domain/ and the escaping, methods for storage."""


@dataclass(frozen=True)
class TableMutant:
    """One hand-written change to a module-level table or pattern, and the named test that
    must catch it (a test id pytest accepts)."""

    path: str
    old: str
    new: str
    tests: str
    what: str


_LIFECYCLE = "aiops_tui/domain/lifecycle.py"
_MARKDOWN = "aiops_tui/export/markdown.py"
_SIGNOFF = "aiops_tui/domain/signoff.py"
_BREAKS = r"\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u0085"
TABLE_MUTANTS: tuple[TableMutant, ...] = (
    TableMutant(
        _LIFECYCLE,
        '"shadow": ("proposed", "retired")',
        '"shadow": ("proposed", "retired", "live")',
        "tests/unit/test_lifecycle.py::test_shadow_cannot_move_straight_to_live",
        "shadow gains a direct move to live",
    ),
    TableMutant(
        _LIFECYCLE,
        '"pilot": ("live", "paused", "approved", "retired")',
        '"pilot": ("live", "approved", "retired")',
        "tests/unit/test_lifecycle.py::test_a_pilot_can_be_paused",
        "pilot -> paused removed",
    ),
    TableMutant(
        _LIFECYCLE,
        '"retired": ("proposed",)',
        '"retired": ()',
        "tests/unit/test_lifecycle.py::test_a_retired_workflow_can_be_proposed_again",
        "retired -> proposed removed",
    ),
    TableMutant(
        _LIFECYCLE,
        '"approved": ("pilot", "proposed", "retired")',
        '"approved": ("pilot", "live", "proposed", "retired")',
        "tests/unit/test_lifecycle.py::test_the_table_is_the_designed_lifecycle",
        "approved skips the pilot",
    ),
    TableMutant(
        _MARKDOWN,
        'frozenset("#-+=>")',
        'frozenset("#+=>")',
        "tests/unit/test_markdown_escapes.py::test_a_dash_draft_stays_a_paragraph_not_a_list",
        "- dropped from the line-start escapes",
    ),
    TableMutant(
        _MARKDOWN,
        'frozenset("#-+=>")',
        'frozenset("#-=>")',
        "tests/unit/test_markdown_escapes.py::test_a_dash_draft_stays_a_paragraph_not_a_list",
        "+ dropped from the line-start escapes",
    ),
    TableMutant(
        _MARKDOWN,
        'frozenset("#-+=>")',
        'frozenset("#-+=")',
        "tests/unit/test_markdown_escapes.py::test_a_dash_draft_stays_a_paragraph_not_a_list",
        "> dropped from the line-start escapes",
    ),
    TableMutant(
        _MARKDOWN,
        r"[\\`*\[\]<&~|]",
        r"[\\`*\[\]<~|]",
        "tests/unit/test_markdown_escapes.py::test_an_ampersand_is_escaped_so_entities_stay_text",
        "& not escaped",
    ),
    TableMutant(
        _MARKDOWN,
        r"([.)])(?=\s|$)",
        r"([.])(?=\s|$)",
        "tests/unit/test_markdown_escapes.py::test_an_ordered_list_marker_at_the_start_is_escaped",
        "1) not escaped",
    ),
    TableMutant(
        _MARKDOWN,
        _BREAKS,
        _BREAKS.replace(r"\u2028\u2029\u0085", ""),
        "tests/unit/test_markdown_escapes.py::test_line_breaks_and_control_characters_become_one_space",
        "U+2028, U+2029, U+0085 not flattened",
    ),
    TableMutant(
        _MARKDOWN,
        _BREAKS,
        _BREAKS.replace(r"\x00-\x08", ""),
        "tests/unit/test_markdown_escapes.py::test_line_breaks_and_control_characters_become_one_space",
        "control characters not flattened",
    ),
    # mutmut drops no method call, so the name match's trimming and case folding
    # (domain/signoff.py, used by the store, the screens and the CLI) are changed here.
    TableMutant(
        _SIGNOFF,
        '(second or "").strip().casefold()',
        '(second or "").casefold()',
        "tests/unit/test_signoff.py::test_the_signoff_person_approves_however_typed",
        "the sign-off name no longer trimmed",
    ),
    TableMutant(
        _SIGNOFF,
        '(first or "").strip().casefold() == (second or "").strip().casefold()',
        '(first or "").strip() == (second or "").strip()',
        "tests/unit/test_signoff.py::test_the_signoff_person_approves_however_typed",
        "the sign-off name made case-sensitive",
    ),
)
"""The mutation sample's changes to tables and patterns, which mutmut does not make."""

MIN_SCORE = 95.0
"""The share of non-equivalent mutants each module's tests must catch."""

# mutmut's exit codes per mutant (mutmut/stats.py), folded into three outcomes.
CAUGHT_CODES = {1, 3, 36, 37, -24, 24, 152, 255, -11, -9}
"""Killed by a failing test, by a timeout (an endless loop) or by a crash."""
SURVIVED_CODES = {0}
NO_TESTS_CODES = {5, 33}
"""No unit test reaches the function: as bad as a survivor."""

_EQUIVALENT_LINE = re.compile(r"^\|\s*`([^`]+__mutmut_\d+)`\s*\|")


@dataclass
class ModuleScore:
    module: str
    caught: int = 0
    equivalent: int = 0
    missed: list[str] = field(default_factory=list)
    untested: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.caught + len(self.missed) + len(self.untested)

    @property
    def score(self) -> float:
        return 100.0 * self.caught / self.counted if self.counted else 100.0


def in_scope(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in SCOPE)


def module_of(name: str) -> str:
    """aiops_tui.storage.reviews.xǁReviewsRepoǁadd__mutmut_3 -> aiops_tui.storage.reviews."""
    head = name.rsplit("__mutmut_", 1)[0]
    return head.rsplit(".", 1)[0]


def read_results(mutants: Path = MUTANTS) -> dict[str, int | None]:
    """Every mutant's exit code from mutmut's .meta files (None: not run yet)."""
    results: dict[str, int | None] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        results.update(data.get("exit_code_by_key", {}))
    return results


def read_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """Mutant name -> reason, from the table rows of the equivalents file."""
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _EQUIVALENT_LINE.match(line)
        if match:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            found[match.group(1)] = cells[-1] if len(cells) > 1 else ""
    return found


def score(
    results: dict[str, int | None], equivalents: dict[str, str]
) -> tuple[dict[str, ModuleScore], list[str]]:
    """Per-module scores of the mutants in scope, and listed equivalents that were caught.

    A listed equivalent that a test now catches is not equivalent after all:
    it is reported so the list stays honest.
    """
    modules: dict[str, ModuleScore] = {}
    stale: list[str] = []
    for name, code in sorted(results.items()):
        if not in_scope(name):
            continue
        entry = modules.setdefault(module_of(name), ModuleScore(module_of(name)))
        if code in CAUGHT_CODES:
            entry.caught += 1
            if name in equivalents:
                stale.append(name)
        elif name in equivalents:
            entry.equivalent += 1
        elif code in NO_TESTS_CODES:
            entry.untested.append(name)
        else:
            entry.missed.append(name)
    return modules, stale


def format_table(modules: Iterable[ModuleScore]) -> str:
    rows = [("module", "mutants", "equivalent", "caught", "missed", "score")]
    total = ModuleScore("all")
    for m in modules:
        missed = len(m.missed) + len(m.untested)
        rows.append(
            (
                m.module.removeprefix("aiops_tui."),
                str(m.counted + m.equivalent),
                str(m.equivalent),
                str(m.caught),
                str(missed),
                f"{m.score:.1f}%",
            )
        )
        total.caught += m.caught
        total.equivalent += m.equivalent
        total.missed += m.missed
        total.untested += m.untested
    rows.append(
        (
            "all",
            str(total.counted + total.equivalent),
            str(total.equivalent),
            str(total.caught),
            str(len(total.missed) + len(total.untested)),
            f"{total.score:.1f}%",
        )
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
        if index == 0 or index == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run_mutmut(jobs: int, log: Path, patterns: tuple[str, ...] = SCOPE) -> int:
    """Run mutmut over the patterns (each mutant again: the scores are for this commit)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [str(MUTMUT), "run", "--max-children", str(jobs), *patterns]
    print(f"mutmut run over {len(patterns)} patterns, {jobs} at a time; its output: {log}")
    with log.open("w", encoding="utf-8") as out:
        return subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT).returncode


def run_table_mutants(mutants: tuple[TableMutant, ...] = TABLE_MUTANTS) -> list[TableMutant]:
    """Apply each to a copy of the package and run its tests; return the ones not caught.

    The copy goes first on PYTHONPATH, ahead of the editable install.
    """
    missed: list[TableMutant] = []
    for mutant in mutants:
        source = (ROOT / mutant.path).read_text(encoding="utf-8")
        if source.count(mutant.old) != 1:
            print(f"  table mutant no longer applies ({mutant.path} changed?): {mutant.what}")
            missed.append(mutant)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(ROOT / "aiops_tui", Path(tmp) / "aiops_tui")
            target = Path(tmp) / mutant.path
            target.write_text(source.replace(mutant.old, mutant.new), encoding="utf-8")
            env = {**os.environ, "PYTHONPATH": tmp}
            done = subprocess.run(
                # -P: the current directory must not come first and import the original.
                [sys.executable, "-P", "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
                + ["-m", "not timing", mutant.tests],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        if done.returncode != 1:  # 1: a test failed, as it must
            missed.append(mutant)
    return missed


def show(name: str) -> str:
    done = subprocess.run(
        [str(MUTMUT), "show", name], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-run", action="store_true", help="report on the last run only")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument("--survivors", action="store_true", help="show each survivor's change")
    parser.add_argument(
        "--partial",
        action="store_true",
        help="score the modules whose mutants were all run, list the others",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="PATTERN",
        help="run only these mutants (e.g. 'aiops_tui.domain.drift.*'), keep the other results",
    )
    parser.add_argument("--min", type=float, default=MIN_SCORE, help="lowest passing score")
    args = parser.parse_args(argv)

    if not args.no_run:
        code = run_mutmut(args.jobs, MUTANTS / "run.log", tuple(args.only or SCOPE))
        if code != 0:
            print(f"mutmut failed (exit {code}); see {MUTANTS / 'run.log'}", file=sys.stderr)
            return code
    results = read_results()
    if not results:
        print("no mutation results: run without --no-run first", file=sys.stderr)
        return 2
    not_run = [n for n, c in results.items() if in_scope(n) and c is None]
    skipped = sorted({module_of(n) for n in not_run})
    if not_run and not args.partial:
        print(
            f"{len(not_run)} mutants in scope were not run; run without --no-run", file=sys.stderr
        )
        return 2
    equivalents = read_equivalents()
    done = {n: c for n, c in results.items() if module_of(n) not in skipped}
    modules, stale = score(done, equivalents)
    print(format_table(modules.values()))
    tables_missed = run_table_mutants()
    caught = len(TABLE_MUTANTS) - len(tables_missed)
    print(f"table and pattern mutants (hand-written): {caught} of {len(TABLE_MUTANTS)} caught")
    for mutant in tables_missed:
        print(f"  not caught: {mutant.path}: {mutant.what}")

    below = [m for m in modules.values() if m.score < args.min]
    for m in modules.values():
        for name in m.missed + m.untested:
            why = "no unit test reaches it" if name in m.untested else "survived"
            print(f"  {why}: {name}")
            if args.survivors:
                print("    " + show(name).replace("\n", "\n    "))
    for name in stale:
        print(f"  listed as equivalent but caught (remove it from the list): {name}")
    for module in skipped:
        print(f"  not (fully) run, so not scored: {module.removeprefix('aiops_tui.')}")
    unknown = sorted(set(equivalents) - set(results))
    for name in unknown:
        print(f"  listed as equivalent but no such mutant (the code moved?): {name}")
    if below:
        names = ", ".join(m.module.removeprefix("aiops_tui.") for m in below)
        print(f"below {args.min:g}%: {names}", file=sys.stderr)
        return 1
    return 1 if stale or unknown or tables_missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Write a large aiops database the way years of use would: through the storage code.

    python bench/generate.py            # full size, cached under bench/.cache/
    python bench/generate.py --quick    # a tenth of each count
    python bench/generate.py --out x.db --scale 0.01

Full size: 10,000 workflows, 300 people, 200 tools, 2,000 prompts with 25
versions each, 200,000 review items with decisions, 500,000 metric entries
and 100,000 change events in all.

People, tools, workflows, tool links, prompts, versions, labels and ritual
completions go through the repositories (validation, policy, ChangeEvents),
batched in one `db.transaction()` per chunk. Review items, decisions, metric
entries and the older change history go through `aiops_tui.storage.bulk`
(executemany, one import ChangeEvent per batch), because the per-row methods
would take far longer than the five minutes this may cost.

Everything is seeded, so the same scale gives the same database.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiops_tui.domain.models import (  # noqa: E402
    ChangeEvent,
    Completion,
    Decision,
    MetricEntry,
    Person,
    Prompt,
    ReviewDecision,
    ReviewItem,
    SuccessMetric,
    Tool,
    Workflow,
)
from aiops_tui.storage import bulk  # noqa: E402
from aiops_tui.storage.migrations import SCHEMA_VERSION  # noqa: E402
from aiops_tui.storage.schema import SCHEMA_V1, SCHEMA_V2  # noqa: E402
from aiops_tui.storage.store import Store  # noqa: E402

GENERATOR_VERSION = 2
BENCH_NOW = datetime(2026, 11, 23, 9, 0, 0)
YEARS = 3
CACHE = Path(__file__).resolve().parent / ".cache"
ACTOR = "Ana Ruiz"

FULL: dict[str, int] = {
    "workflows": 10_000,
    "people": 300,
    "tools": 200,
    "prompts": 2_000,
    "versions": 25,  # per prompt, not scaled
    "reviews": 200_000,
    "metrics": 500_000,
    "changes": 100_000,
}

FIRST = [
    "Ana",
    "Ben",
    "Cara",
    "Dev",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jon",
    "Kai",
    "Lea",
    "Mo",
    "Nia",
    "Oto",
    "Pia",
    "Raf",
    "Sol",
    "Tea",
    "Uma",
]
LAST = [
    "Ruiz",
    "Okafor",
    "Lind",
    "Patel",
    "Novak",
    "Sato",
    "Berg",
    "Costa",
    "Dahl",
    "Ek",
    "Fox",
    "Gray",
    "Hale",
    "Ito",
    "Kerr",
    "Lowe",
    "Moss",
    "Nagy",
    "Ortiz",
    "Park",
    "Quinn",
    "Rossi",
    "Shaw",
    "Toth",
    "Vega",
]
VERBS = [
    "Draft",
    "Summarise",
    "Triage",
    "Classify",
    "Translate",
    "Score",
    "Extract",
    "Answer",
    "Plan",
    "Review",
]
OBJECTS = [
    "support tickets",
    "sales follow-ups",
    "meeting notes",
    "invoices",
    "job posts",
    "release notes",
    "churn signals",
    "contract clauses",
    "newsletter issues",
    "product FAQs",
    "bug reports",
    "lead lists",
    "board updates",
    "onboarding emails",
    "expense reports",
    "survey answers",
]
AREAS = ["sales", "content", "support", "reporting", "operations", "research", "other"]
STATUS_WEIGHTS = {
    "idea": 30,
    "proposed": 15,
    "approved": 8,
    "pilot": 10,
    "live": 22,
    "paused": 5,
    "retired": 8,
    "shadow": 2,
}
EXTRA_SERIES = [
    ("Time saved", "minutes"),
    ("Quality score", ""),
    ("Throughput", "items"),
    ("Rework", "items"),
    ("Cost", ""),
    ("Adoption", "%"),
]
"""Each measured workflow records its success metric and one of these beside it."""
CATEGORIES = [
    "assistant",
    "crm",
    "docs",
    "transcription",
    "search",
    "code",
    "images",
    "analytics",
    "email",
]


class SteppingClock:
    """The generator moves time along so created_at and change dates spread over years."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def sizes(scale: float) -> dict[str, int]:
    return {k: (v if k == "versions" else max(1, round(v * scale))) for k, v in FULL.items()}


SCHEMAS = [SCHEMA_V1, SCHEMA_V2]
"""Each migration step's statements, in order: what a cached file's name is keyed on."""


def cache_path(scale: float, version: int = SCHEMA_VERSION) -> Path:
    """Keyed by size, schema version and the text of every schema step up to it."""
    text = "\n".join(statement for step in SCHEMAS[:version] for statement in step)
    digest = hashlib.sha1(
        (text + f"|{GENERATOR_VERSION}").encode(), usedforsecurity=False
    ).hexdigest()[:8]
    label = f"{scale:g}".replace(".", "_")
    return CACHE / f"aiops-x{label}-v{version}-{digest}.db"


def cached_db(scale: float, log: Callable[[str], None] = print) -> Path:
    """The generated database for `scale`, generating it once if it is not cached yet.

    A file cached under an older schema is copied and migrated instead (seconds, not
    minutes): the generator writes through the storage code, so its rows do not depend
    on the schema version, and a migrated file has a new one's schema (tested).
    """
    path = cache_path(scale)
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    tmp = path.with_suffix(".tmp")
    for stale in CACHE.glob(tmp.name + "*"):
        stale.unlink()
    older = [cache_path(scale, v) for v in range(SCHEMA_VERSION - 1, 0, -1)]
    source = next((old for old in older if old.exists()), None)
    if source is not None:
        log(f"migrating a copy of {source.name} to schema {SCHEMA_VERSION}")
        shutil.copyfile(source, tmp)
        Store.open(tmp).close()
        for backup in CACHE.glob(tmp.name + ".bak-*"):
            backup.unlink()
    else:
        generate(tmp, scale, log=log)
    tmp.rename(path)
    return path


def _spread(
    rng: random.Random, start: datetime, end: datetime, recent_bias: float = 1.0
) -> datetime:
    """A moment between start and end; bias > 1 favours recent moments (use grows)."""
    share = rng.random() ** (1 / recent_bias)
    return start + (end - start) * share


def _chunks(n: int, size: int) -> list[range]:
    return [range(i, min(i + size, n)) for i in range(0, n, size)]


def generate(
    path: Path, scale: float = 1.0, seed: int = 7, log: Callable[[str], None] = print
) -> None:
    n = sizes(scale)
    rng = random.Random(seed)
    start = BENCH_NOW - timedelta(days=365 * YEARS)
    clock = SteppingClock(start)
    store = Store.open(path, clock=clock, actor=ACTOR)
    began = time.perf_counter()

    def step(label: str) -> None:
        log(f"  {time.perf_counter() - began:6.1f}s  {label}")

    try:
        db = store.db
        db.conn.execute("PRAGMA synchronous = OFF")  # a generator run is redone on failure
        db.conn.execute("PRAGMA cache_size = -200000")

        def at(i: int, total: int) -> datetime:
            """The i-th of `total` creations, evenly over the years, with some jitter."""
            base = start + (BENCH_NOW - start) * (i / max(total, 1))
            return min(BENCH_NOW, base + timedelta(minutes=rng.randint(0, 600)))

        # -- people --------------------------------------------------------------------
        names = [f"{first} {last}" for last in LAST for first in FIRST]
        rng.shuffle(names)
        names = [ACTOR] + [x for x in names if x != ACTOR]
        while len(names) < n["people"]:
            names.append(f"Person {len(names) + 1}")
        people: list[tuple[int, str]] = []
        with db.transaction():
            for i, name in enumerate(names[: n["people"]]):
                clock.now = at(i, n["people"]) - timedelta(days=30)
                email = f"{name.lower().replace(' ', '.')}@example.com" if i % 4 else None
                p = store.people.add(Person(name=name, email=email))
                people.append((p.id or 0, p.name))
        step(f"{len(people)} people")

        # -- tools ---------------------------------------------------------------------
        tools: list[int] = []
        with db.transaction():
            for i in range(n["tools"]):
                clock.now = at(i, n["tools"])
                category = CATEGORIES[i % len(CATEGORIES)]
                t = store.tools.add(
                    Tool(
                        name=f"{category.title()} tool {i + 1}",
                        vendor=f"Vendor {i % 37 + 1}",
                        category=category,
                        monthly_cost=round(rng.choice([0, 8, 12, 20, 30, 45, 99, 240]) * 1.0, 2),
                    )
                )
                tools.append(t.id or 0)
        step(f"{len(tools)} tools")

        # -- workflows (with tool links) -----------------------------------------------
        statuses = rng.choices(
            list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=n["workflows"]
        )
        # id, name, status, sign-off id, metric (direction, baseline, target)
        workflows: list[tuple[int, str, str, int | None, tuple[str, float, float]]] = []
        reviewers: dict[int, str] = {}
        needs_signoff: set[int] = set()
        signers: dict[int, str] = {}
        person_name = dict(people)
        for chunk in _chunks(n["workflows"], 500):
            with db.transaction():
                for i in chunk:
                    clock.now = at(i, n["workflows"])
                    status = statuses[i]
                    active = status in ("approved", "pilot", "live")
                    risk = rng.choices(["low", "medium", "high"], weights=[6, 3, 1])[0]
                    customer = rng.random() < 0.25
                    strict = (customer or risk == "high") and status not in ("shadow", "retired")
                    pick = lambda: rng.choice(people)[0]  # noqa: E731
                    owner = None if (status == "shadow" or rng.random() < 0.03) else pick()
                    signoff = pick() if strict or rng.random() < 0.2 else None
                    direction = rng.choice(["higher", "higher", "lower"])
                    low, high = float(rng.randint(5, 50)), float(rng.randint(51, 120))
                    metric = (
                        SuccessMetric(
                            name=rng.choice(["hours saved", "approval rate", "tickets closed"]),
                            unit=rng.choice(["h/week", "%", "per week"]),
                            baseline=low if direction == "higher" else high,
                            target=high if direction == "higher" else low,
                            direction=direction,
                        )
                        if status != "idea" and rng.random() < 0.93
                        else SuccessMetric()
                    )
                    reviewed = (
                        (
                            BENCH_NOW
                            - timedelta(days=rng.randint(0, 25 if rng.random() < 0.9 else 90))
                        ).date()
                        if active or status == "paused"
                        else None
                    )
                    wf = store.workflows.add(
                        Workflow(
                            name=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} #{i + 1}",
                            summary=f"AI drafts, a person checks. Workflow number {i + 1}; "
                            + " ".join(rng.choices(OBJECTS, k=4)),
                            area=rng.choice(AREAS),
                            status=status,
                            owner_id=owner,
                            builder_id=pick() if rng.random() < 0.8 else None,
                            reviewer_id=pick() if rng.random() < 0.8 else None,
                            doc_owner_id=pick() if rng.random() < 0.7 else None,
                            frequency_per_month=rng.randint(0, 400),
                            structure=rng.randint(1, 5),
                            value=rng.randint(1, 5),
                            risk=risk,
                            customer_facing=customer,
                            review_rule="always"
                            if strict
                            else rng.choice(["none", "sample:10", "sample:25", "always"]),
                            signoff_id=signoff,
                            allowed_data=rng.sample(["public", "internal", "confidential"], k=2),
                            current_state=f"Done by hand, about {rng.randint(1, 20)} hours a week."
                            if rng.random() < 0.8
                            else "",
                            target_state="AI drafts; a person reviews and sends.",
                            metric=metric,
                            max_review_age_days=rng.choice([1, 2, 3, 5, 7]),
                            last_reviewed_at=reviewed,
                        )
                    )
                    wf_id = wf.id or 0
                    if status not in ("idea",):
                        store.tools.set_links(
                            wf_id, rng.sample(tools, k=min(len(tools), rng.randint(1, 3)))
                        )
                    workflows.append((wf_id, wf.name, status, signoff, (direction, low, high)))
                    if wf.reviewer_id:
                        reviewers[wf_id] = person_name[wf.reviewer_id]
                    if signoff:
                        signers[wf_id] = person_name[signoff]
                    if customer or risk == "high":
                        needs_signoff.add(wf_id)
        step(f"{len(workflows)} workflows")

        # -- prompts, versions, labels -------------------------------------------------
        used = [w for w in workflows if w[2] in ("approved", "pilot", "live", "paused", "retired")]
        prompt_versions: dict[int, list[int]] = {}  # workflow id -> version ids
        for chunk in _chunks(n["prompts"], 100):
            with db.transaction():
                for i in chunk:
                    wf_id = used[i % len(used)][0] if used else None
                    clock.now = at(i, n["prompts"]) - timedelta(days=200)
                    body = (
                        f"You write {rng.choice(OBJECTS)} for {{{{customer}}}}.\n"
                        "Use the tone of {{brand}} and keep it under {{limit}} words.\n"
                    )
                    prompt, v1 = store.prompts.create(
                        Prompt(name=f"prompt-{i + 1:05d}", workflow_id=wf_id),
                        body + "Version 1.\n" + "Context line. " * rng.randint(5, 40),
                        "first version",
                        author=ACTOR,
                    )
                    ids = [v1.id or 0]
                    for number in range(2, n["versions"] + 1):
                        clock.now += timedelta(days=rng.randint(1, 8))
                        v = store.prompts.add_version(
                            prompt.id or 0,
                            body + f"Version {number}.\n" + "Context line. " * rng.randint(5, 40),
                            f"tighten wording, round {number}",
                            author=rng.choice(people)[1],
                        )
                        ids.append(v.id or 0)
                    production = rng.randint(max(1, n["versions"] - 5), n["versions"])
                    store.prompts.move_label(prompt.id or 0, "production", production, "release")
                    if production < n["versions"]:
                        store.prompts.move_label(
                            prompt.id or 0, "staging", n["versions"], "trying it out"
                        )
                    if wf_id is not None:
                        prompt_versions.setdefault(wf_id, []).extend(ids)
        step(f"{n['prompts']} prompts x {n['versions']} versions")

        # -- review items and decisions ------------------------------------------------
        reviewable = [
            w for w in workflows if w[2] in ("pilot", "live", "paused", "retired")
        ] or workflows
        for chunk in _chunks(n["reviews"], 20_000):
            items: list[ReviewItem] = []
            plan: list[tuple[int, str, datetime]] = []  # workflow, final status, submitted
            for i in chunk:
                wf_id, wf_name, *_ = reviewable[rng.randrange(len(reviewable))]
                submitted = _spread(rng, start, BENCH_NOW - timedelta(hours=1), recent_bias=1.5)
                age = (BENCH_NOW - submitted).days
                pending = age < 10 and rng.random() < 0.7 or rng.random() < 0.01
                versions = prompt_versions.get(wf_id)
                length = rng.choice([200, 400, 800, 1600])
                items.append(
                    ReviewItem(
                        workflow_id=wf_id,
                        prompt_version_id=rng.choice(versions[-5:]) if versions else None,
                        title=f"{rng.choice(OBJECTS).capitalize()} {i + 1}: {rng.choice(LAST)} account",
                        input=f"Request {i + 1} from a customer about {rng.choice(OBJECTS)}.",
                        output=("Hello,\n\nThank you for your message. " * 40)[:length],
                        source=rng.choice(["zapier", "email", "api", "manual"]),
                        submitted_at=submitted,
                    )
                )
                status = (
                    "pending"
                    if pending
                    else rng.choices(
                        ["approved", "changes_requested", "rejected"], weights=[76, 16, 8]
                    )[0]
                )
                plan.append((wf_id, status, submitted))
            ids = bulk.add_review_items(db, items)
            decisions: list[ReviewDecision] = []
            for item_id, (wf_id, status, submitted) in zip(ids, plan, strict=True):
                if status == "approved" and wf_id in needs_signoff and wf_id not in signers:
                    status = "rejected"  # nobody may approve it: a policy gap shows as rejections
                if status == "pending":
                    continue
                decided = min(BENCH_NOW, submitted + timedelta(hours=rng.randint(1, 72)))
                reviewer = signers.get(wf_id) or reviewers.get(wf_id) or ACTOR
                if status == "approved" and rng.random() < 0.06:
                    decisions.append(
                        ReviewDecision(
                            item_id=item_id,
                            reviewer=reviewer,
                            decision=Decision.CHANGES_REQUESTED,
                            note="Tone is off; shorten the second paragraph.",
                            accuracy=3,
                            fit=2,
                            corrected_output="Hello,\n\nThanks for your message.",
                            edit_ratio=0.5,
                            decided_at=decided - timedelta(hours=1),
                        )
                    )
                decisions.append(
                    ReviewDecision(
                        item_id=item_id,
                        reviewer=reviewer,
                        decision=Decision(status),
                        note="" if status == "approved" else "Wrong facts about the order.",
                        accuracy=rng.randint(3, 5) if status == "approved" else rng.randint(1, 3),
                        fit=rng.randint(2, 5),
                        corrected_output="Hello,\n\nCorrected draft."
                        if status == "changes_requested"
                        else None,
                        edit_ratio=round(rng.random(), 2)
                        if status == "changes_requested"
                        else None,
                        decided_at=decided,
                    )
                )
            clock.now = BENCH_NOW
            bulk.add_review_decisions(db, decisions)
        step(f"{n['reviews']} review items with decisions")

        # -- metric entries ------------------------------------------------------------
        measured = [w for w in workflows if w[2] in ("pilot", "live", "paused")] or workflows
        per = max(1, n["metrics"] // len(measured))
        written = 0
        batch: list[MetricEntry] = []
        for index, (wf_id, _name, status, _s, (direction, low, high)) in enumerate(measured):
            count = per + (1 if index < n["metrics"] - per * len(measured) else 0)
            extra, unit = rng.choice(EXTRA_SERIES)
            db.conn.execute(
                "INSERT INTO metric_extras (workflow_id, name, unit, direction)"
                " VALUES (?, ?, ?, 'higher')",
                (wf_id, extra, unit),
            )
            # Most workflows improve steadily from baseline towards target; about one live
            # workflow in twenty has got worse over its last five entries (a drift alert).
            drifting = status == "live" and rng.random() < 0.05
            start_at, goal = (low, high) if direction == "higher" else (high, low)
            main_count = count - count // 4
            step_size = (goal - start_at) * 0.8 / max(main_count, 1)
            main_index = 0
            for j in range(count):
                day = (BENCH_NOW - timedelta(days=(count - j) * 2)).date()
                if j % 4 == 0:
                    series, value = extra, rng.uniform(1, 100)
                else:
                    series = ""
                    main_index += 1
                    value = start_at + step_size * main_index + rng.gauss(0, abs(step_size) / 5)
                    if drifting and main_index > main_count - 5:
                        value -= step_size * 3 * (main_index - main_count + 5)
                batch.append(
                    MetricEntry(workflow_id=wf_id, date=day, series=series, value=round(value, 2))
                )
            if len(batch) >= 50_000:
                bulk.add_metric_entries(db, batch)
                written += len(batch)
                batch = []
        bulk.add_metric_entries(db, batch)
        written += len(batch)
        step(f"{written} metric entries")

        # -- ritual completions and older history --------------------------------------
        for ritual in store.rituals.all_rows():
            clock.now = BENCH_NOW - timedelta(days=rng.randint(1, 9))
            store.rituals.complete(
                Completion(
                    ritual_id=ritual.ritual.id or 0,
                    completed_at=clock.now,
                    ticked=list(range(len(ritual.ritual.checklist))),
                )
            )
        missing = n["changes"] - store.changes.count()
        history: list[ChangeEvent] = []
        for i in range(max(0, missing)):
            wf_id, wf_name, *_ = workflows[rng.randrange(len(workflows))]
            history.append(
                ChangeEvent(
                    at=_spread(rng, start, BENCH_NOW),
                    who=rng.choice(people)[1],
                    entity="workflow",
                    entity_id=wf_id,
                    action="update",
                    summary=f"edited {wf_name}: note {i + 1}",
                )
            )
            if len(history) >= 50_000:
                bulk.add_change_events(db, history)
                history = []
        bulk.add_change_events(db, history)
        step(f"{store.changes.count()} change events")
        db.conn.execute("PRAGMA synchronous = NORMAL")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    step(f"done: {path} ({os.path.getsize(path) / 1e6:.0f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of each count")
    parser.add_argument("--scale", type=float, help="any fraction of the full size")
    parser.add_argument("--out", type=Path, help="write here instead of the cache")
    parser.add_argument("--force", action="store_true", help="regenerate the cached file")
    args = parser.parse_args(argv)
    scale = args.scale if args.scale else (0.1 if args.quick else 1.0)
    if args.out:
        if args.out.exists():
            parser.error(f"{args.out} exists; choose a new file")
        generate(args.out, scale)
        return 0
    if args.force and cache_path(scale).exists():
        cache_path(scale).unlink()
    print(cached_db(scale))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

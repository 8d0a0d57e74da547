"""One identity: asked at first start, `u` anywhere, the title bar, config.toml and the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from aiops_tui.app import AiopsApp
from aiops_tui.cli import main
from aiops_tui.config import Settings, load_settings
from aiops_tui.screens.identity import IdentityScreen
from aiops_tui.storage.sample import load_sample
from aiops_tui.storage.store import Store
from aiops_tui.widgets.title_bar import TitleBar

SIZE = (120, 40)


def title_bar(app: AiopsApp) -> str:
    return str(app.screen.query_one(TitleBar).render())


def config() -> Path:
    return Path(os.environ["AIOPS_CONFIG"])


async def test_first_start_asks_who_is_acting_and_saves_it(sample_store: Store) -> None:
    config().write_text('theme = "textual-dark"\n# kept\n', encoding="utf-8")
    app = AiopsApp(sample_store, Settings(theme="textual-dark"), ask_identity=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press("j", "enter")  # Ana Ruiz, Ben Okafor
        await pilot.pause()
        assert not isinstance(app.screen, IdentityScreen)
        assert app.user == "Ben Okafor" and sample_store.actor == "Ben Okafor"
        assert "as Ben Okafor" in title_bar(app)
    assert config().read_text(encoding="utf-8") == (
        'theme = "textual-dark"\n# kept\nuser = "Ben Okafor"\n'
    )


async def test_a_typed_name_is_who_acts(store: Store) -> None:
    store.state.set("sample_offered", True)  # no sample question first
    app = AiopsApp(store, Settings(theme="textual-dark"), ask_identity=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        assert app.focused is app.screen.query_one(Input)  # nobody to pick yet: type
        await pilot.press(*"  Zoë   Ñ ", "enter")
        await pilot.pause()
        assert app.user == "Zoë Ñ"
    assert load_settings().user == "Zoë Ñ"


async def test_the_sample_question_comes_before_who_is_acting(store: Store) -> None:
    app = AiopsApp(store, Settings(theme="textual-dark"), ask_identity=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")  # load the example company
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        assert "Cara Lind" in app.screen.people


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5", "6", "w"])
async def test_u_switches_on_every_screen(sample_store: Store, make_app, key: str) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press("j", "j", "enter")  # Cara Lind
        await pilot.pause()
        assert app.screen is screen
        assert app.user == "Cara Lind"
        assert "as Cara Lind" in title_bar(app)


async def test_the_palette_offers_switch_person(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Switch person"].callback()
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)


async def test_changes_are_logged_under_the_person_not_me(sample_store: Store, make_app) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "j", "enter", "5", "space")  # Ben ticks a checklist line
        await pilot.pause()
        await pilot.press("c", "ctrl+s")
        await pilot.pause()
    whos = {r[0] for r in sample_store.db.query("SELECT who FROM change_events")}
    assert "me" not in whos
    last = sample_store.db.query_one("SELECT who, summary FROM change_events ORDER BY id DESC")
    assert last is not None and last["who"] == "Ben Okafor"


def _sample_db(tmp_path: Path) -> str:
    db = tmp_path / "s.db"
    store = Store.open(db, actor="setup")
    load_sample(store)
    store.close()
    return str(db)


def test_the_cli_acts_as_config_user_or_as(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _sample_db(tmp_path)
    config().write_text('user = "Cara Lind"\n', encoding="utf-8")
    assert main(["review", "decide", "--db", db, "5", "approve"]) == 0
    assert "approved #5 'Ticket 4820: login loop' as Cara Lind" in capsys.readouterr().out
    assert main(["review", "decide", "--db", db, "3", "approve"]) == 2
    err = capsys.readouterr().err
    assert "only Ana Ruiz, the workflow's sign-off person, can approve" in err
    assert "acting as Cara Lind" in err and "--as 'Ana Ruiz'" in err
    assert main(["review", "decide", "--db", db, "--as", "ana ruiz", "3", "approve"]) == 0
    assert main(["review", "decide", "--db", db, "2", "reject"]) == 2
    assert "a note is required" in capsys.readouterr().err
    store = Store.open(db)
    try:
        whos = [d.reviewer for i in (5, 3) for d in store.reviews.decisions(i)][-2:]
        logged = store.db.query("SELECT who FROM change_events WHERE action = 'decision'")
    finally:
        store.close()
    assert whos[-2:] == ["Cara Lind", "ana ruiz"]
    assert "me" not in {r[0] for r in logged}

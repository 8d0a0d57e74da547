"""A theme chosen in the app is saved to config.toml, the rest of the file kept."""

from __future__ import annotations

import os
from pathlib import Path

from aiops_tui.config import load_settings
from aiops_tui.storage.store import Store


async def test_theme_chosen_is_saved_and_restored(sample_store: Store, make_app) -> None:
    config = Path(os.environ["AIOPS_CONFIG"])
    config.write_text('# mine\nuser = "Ana Ruiz"\n\n[keys]\n"app.quit" = "ctrl+q"\n')
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"  # what the palette's "Change theme" does
        await pilot.pause()
    text = config.read_text()
    assert 'theme = "nord"' in text and "# mine" in text and '"app.quit" = "ctrl+q"' in text
    settings = load_settings(config)
    assert settings.theme == "nord" and settings.user == "Ana Ruiz"
    assert settings.keys == {"app.quit": "ctrl+q"}
    from aiops_tui.app import AiopsApp

    app = AiopsApp(store=sample_store, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"

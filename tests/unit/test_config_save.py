"""save_setting: one key rewritten, everything else in config.toml kept as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from aiops_tui.config import ConfigError, load_settings, save_setting

KEPT = """# my settings
theme = "nord"   # dark at night

[keys]
"review.approve" = "a"
user = "not the top-level one"
"""


def test_a_missing_file_is_created_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    save_setting("user", "Ana Ruiz", path)
    assert path.read_text(encoding="utf-8") == 'user = "Ana Ruiz"\n'
    assert load_settings(path).user == "Ana Ruiz"


def test_a_new_key_goes_above_the_first_table_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(KEPT, encoding="utf-8")
    save_setting("user", "Cara Lind", path)
    text = path.read_text(encoding="utf-8")
    assert text == KEPT.replace("\n\n[keys]", '\nuser = "Cara Lind"\n\n[keys]', 1)
    settings = load_settings(path)
    assert (settings.user, settings.theme) == ("Cara Lind", "nord")
    assert settings.keys == {"review.approve": "a", "user": "not the top-level one"}


def test_an_existing_key_is_replaced_in_place(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(KEPT, encoding="utf-8")
    save_setting("theme", "gruvbox", path)
    text = path.read_text(encoding="utf-8")
    assert text == KEPT.replace('theme = "nord"   # dark at night', 'theme = "gruvbox"')
    save_setting("theme", "nord", path)
    assert load_settings(path).theme == "nord"


@pytest.mark.parametrize("value", ['Ana "the boss" Ruiz', "back\\slash", "Zoë Ñ", "tab\there"])
def test_any_name_round_trips(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    save_setting("user", value, path)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["user"] == value


def test_a_broken_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot update settings"):
        save_setting("user", "Ana Ruiz", path)
    assert path.read_text(encoding="utf-8") == "theme = [unclosed\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temp file left

"""Where things live, and the user's settings in `config.toml`.

The paths follow platformdirs; `AIOPS_DB`, `AIOPS_CONFIG` and `AIOPS_LOG_DIR` override them so
tests (and people with unusual set-ups) can point elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "aiops-tui"
USER_MAX = 200


@dataclass(frozen=True)
class Settings:
    """Settings read from config.toml; every field has a safe default.

    Three fields checked by hand rather than by a pydantic model: every command
    reads the settings, and `aiops check` or `due` should not wait for pydantic
    to import just for them. Unknown keys are ignored (a newer aiops may add some).
    """

    theme: str = "textual-dark"
    user: str = ""
    keys: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Settings:
        """The settings in a parsed file; ValueError("where: what") on the first bad value."""
        for name in ("theme", "user"):
            if name in raw and not isinstance(raw[name], str):
                raise ValueError(f"{name}: should be a string in quotes")
        user = raw.get("user", "")
        if len(user) > USER_MAX:
            raise ValueError(f"user: is {len(user)} characters; the limit is {USER_MAX}")
        keys = raw.get("keys", {})
        if not isinstance(keys, dict):
            raise ValueError('keys: should be a table ([keys]) of id = "key" lines')
        for key_id, key in keys.items():
            if not isinstance(key, str):
                raise ValueError(f"keys.{key_id}: should be a string in quotes")
        return cls(theme=raw.get("theme", cls.theme), user=user, keys=dict(keys))

    def with_theme(self, theme: str) -> Settings:
        return replace(self, theme=theme)


class ConfigError(Exception):
    pass


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    env = os.environ.get("AIOPS_DB")
    return Path(env).expanduser() if env else data_dir() / "aiops.db"


def log_dir() -> Path:
    """Where crash logs go; `AIOPS_LOG_DIR` overrides it (tests, unusual set-ups)."""
    env = os.environ.get("AIOPS_LOG_DIR")
    return Path(env).expanduser() if env else user_log_path(APP_NAME, appauthor=False)


def config_path() -> Path:
    env = os.environ.get("AIOPS_CONFIG")
    return (
        Path(env).expanduser()
        if env
        else user_config_path(APP_NAME, appauthor=False) / "config.toml"
    )


def backups_dir(db_path: Path) -> Path:
    return db_path.parent


def load_settings(path: Path | None = None) -> Settings:
    """A missing file means defaults; a broken one is an error worth telling about."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read settings {path}: {error}") from None
    try:
        return Settings.from_toml(raw)
    except ValueError as error:
        raise ConfigError(f"settings {path}: {error}") from None


def resolve_user(settings: Settings) -> str:
    """Who is acting: the configured name, else the login name."""
    if settings.user.strip():
        return settings.user.strip()
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER", "me")


_TOP_KEY = re.compile(r"^\s*(?P<key>[A-Za-z0-9_-]+)\s*=")
_TABLE = re.compile(r"^\s*\[")


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set one top-level string setting in config.toml, keeping every other line as it was.

    The app saves what a person chooses (who is acting, the theme) without
    losing their comments, key bindings or anything it does not know about:
    the line holding `key` is replaced (or one is added above the first
    table), and the file is swapped in whole, so a crash leaves the old one.
    A file that does not parse is left alone and said so: rewriting it would
    guess at what was meant.
    """
    path = path or config_path()
    lines: list[str] = []
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
            tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot update settings {path}: {error}") from None
        lines = text.splitlines()
    new_line = f"{key} = {json.dumps(value, ensure_ascii=False)}"  # a JSON string is a TOML one
    first_table = next((i for i, line in enumerate(lines) if _TABLE.match(line)), len(lines))
    for i in range(first_table):
        found = _TOP_KEY.match(lines[i])
        if found and found["key"] == key:
            lines[i] = new_line
            break
    else:  # after the last top-level line, not after the blank line before the table
        at = first_table
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        lines.insert(at, new_line)
    temp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(temp, path)
    except OSError as error:
        if temp:
            Path(temp).unlink(missing_ok=True)
        raise ConfigError(f"cannot save settings {path}: {error}") from None
    return path

"""Each screen's stylesheet, added to the app's the first time the screen is made.

Why not Textual's `CSS_PATH` on the screen: when a screen with one first opens,
Textual re-parses every stylesheet in the app (cold, its parse cache is
dropped) and restyles every widget of every open screen: 30-60 ms per screen,
growing with each screen already open. Loading all of them at start instead
cost 40 ms before the first frame, since Textual's CSS parser is slow.

So a screen names its file in `STYLES`; the file is added once as one more
source, and only it is parsed (Textual keeps the parsed rules of the others).
Every file nests its rules under its screen's type, so adding one restyles
nothing already on screen, and the new screen's widgets pick the rules up as
they mount.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App


def add_stylesheet(app: App[Any], path: Path) -> None:
    """Add one .tcss file (an absolute path) to the app's stylesheet, once; parsed when
    next needed."""
    stylesheet = app.stylesheet
    key = str(path)
    if stylesheet.has_source(key):
        return
    stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(key, ""))


@functools.cache
def _stylesheet_of(screen_class: type) -> Path | None:
    """The .tcss file a screen class names in STYLES, beside the module that names it."""
    owner = next(c for c in screen_class.__mro__ if "STYLES" in c.__dict__)
    if not owner.__dict__["STYLES"]:
        return None
    return (Path(inspect.getfile(owner)).parent / owner.__dict__["STYLES"]).resolve()


class ScreenStyles:
    """Mixin for a Screen: `STYLES` is a .tcss file beside the screen's module."""

    STYLES: ClassVar[str] = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A class is hashable; mypy checks ScreenStyles' instances' __hash__ instead.
        path = _stylesheet_of(type(self))  # type: ignore[arg-type]
        if path is not None:
            add_stylesheet(self.app, path)  # type: ignore[attr-defined]

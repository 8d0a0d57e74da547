"""The aiops App: seven screens as modes, global keys, the command palette and help."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual.command import Provider

from aiops_tui.config import Settings, resolve_user
from aiops_tui.domain.text import inert
from aiops_tui.runtime import IdleCollector, freeze_startup_heap, hold_collections
from aiops_tui.screens.base import AppScreen
from aiops_tui.screens.store_app import StoreApp, Undone
from aiops_tui.storage.db import StoreError
from aiops_tui.storage.store import Store
from aiops_tui.widgets.notices import notify_refused


class ScreenEntry(NamedTuple):
    """One top-level screen: its mode, key, title (palette and help) and where it lives."""

    mode: str
    key: str
    title: str
    module: str
    cls: str


# The one list of screens: modes, keys, palette commands and help all come from it.
SCREENS: list[ScreenEntry] = [
    ScreenEntry("dashboard", "1", "Dashboard", "dashboard", "DashboardScreen"),
    ScreenEntry("workflows", "2", "Workflows", "workflows", "WorkflowsScreen"),
    ScreenEntry("prompts", "3", "Prompts", "prompts", "PromptsScreen"),
    ScreenEntry("review", "4", "Review queue", "review", "ReviewScreen"),
    ScreenEntry("cadence", "5", "Cadence", "cadence", "CadenceScreen"),
    ScreenEntry("team", "6", "Team & tools", "team", "TeamScreen"),
    ScreenEntry("changes", "7", "Change log", "change_log", "ChangeLogScreen"),
]


def _screen_actions() -> type[Provider]:
    from aiops_tui.palette import ScreenActions

    return ScreenActions


def _record_search() -> type[Provider]:
    from aiops_tui.palette import RecordSearch

    return RecordSearch


def _lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """A screen imported when it is first opened: importing every screen (and their forms,
    Markdown for help...) before the first frame cost about half a second cold."""

    def make() -> Screen:
        return getattr(import_module(f"aiops_tui.screens.{module}"), name)()

    return make


class AiopsApp(StoreApp):
    """The database path (through `store`) and the clock are injected, so tests use their own."""

    TITLE = "aiops"
    CSS_PATH = "app.tcss"
    MODES: ClassVar[dict[str, Callable[[], Screen]]] = {  # type: ignore[assignment]
        entry.mode: _lazy_screen(entry.module, entry.cls) for entry in SCREENS
    }
    # The palette's providers load when it first opens (textual.command is not cheap).
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        *App.COMMANDS,
        _screen_actions,
        _record_search,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(key, f"show('{mode}')", title, id=f"screen.{mode}", show=False)
            for mode, key, title, *_ in SCREENS
        ],
        Binding("w", "weekly_review", "Weekly review", id="app.weekly_review", show=False),
        Binding("u", "switch_person", "Who is acting", id="app.switch_person", show=False),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+e", "export", "Export playbook", id="app.export", show=False),
        Binding("ctrl+z", "undo", "Undo last change", id="app.undo", show=False),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        store: Store,
        settings: Settings | None = None,
        freeze_heap: bool = False,
        ask_identity: bool = False,
    ) -> None:
        """`ask_identity`: nobody is named in config.toml yet, so ask who is acting at start."""
        super().__init__()
        self.store = store
        self.freeze_heap = freeze_heap
        if freeze_heap:
            hold_collections()  # until the first frame: runtime.py
        self.idle_collector: IdleCollector | None = None
        self.settings = settings or Settings()
        if not store.db.actor:
            store.db.actor = resolve_user(self.settings)
        self.set_reactive(StoreApp.person, store.db.actor)
        self.ask_identity = ask_identity
        self.sub_title = inert(str(store.db.path), one_line=True)

    def delay_update(self, delay: float = 0.05) -> None:
        """Hold the display while screens change, except on the way to the first one.

        switch_mode holds it for 50 ms, so the change of screens shows as one frame.
        From Textual's blank start screen to the dashboard there is nothing to hide:
        held, the dashboard's first frame was drawn, thrown away and drawn again 50 ms
        later. (The dashboard is not the start mode because its widgets would then be
        styled before the app's own styles are.)
        """
        if self.current_mode == App.DEFAULT_MODE:
            return
        super().delay_update(delay)

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.notify(f"unknown theme {self.settings.theme!r} in config.toml", severity="warning")
        self.theme_changed_signal.subscribe(self, self._save_theme)
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.switch_mode("dashboard")
        if self.freeze_heap:
            self.call_after_refresh(freeze_startup_heap)
            self.idle_collector = IdleCollector()
            self.set_interval(0.5, self.idle_collector.collect_if_idle, name="idle-gc")
        if not self.store.workflows.any() and not self.store.state.get("sample_offered"):
            from aiops_tui.screens.confirm import ConfirmScreen

            self.push_screen(
                ConfirmScreen(
                    "This database has no workflows yet.\n\nLoad the example company"
                    " (six workflows, people, tools, prompts, reviews and metrics) to see"
                    " how aiops works? You can add your own at any time."
                ),
                self._answer_sample,
            )
        elif self.ask_identity:
            self.action_switch_person()

    async def on_event(self, event: events.Event) -> None:
        """Note every key and click, so garbage is collected only in the pauses (runtime.py)."""
        if self.idle_collector is not None and isinstance(event, events.InputEvent):
            self.idle_collector.input_seen()
        await super().on_event(event)

    def _answer_sample(self, yes: bool | None) -> None:
        from aiops_tui.storage.sample import load_sample

        if self.try_write(lambda: self.store.state.set("sample_offered", True)) and (
            yes and self.try_write(lambda: load_sample(self.store))
        ):
            self.notify("Loaded the example company.")
            self.refresh_current()
        if self.ask_identity:  # after the sample: its people can be picked
            self.action_switch_person()

    def on_key(self, event: events.Key) -> None:
        """Characters typed in one burst with the key that opened a form go into the form.

        Textual hands each key to the screen active when the key arrives, and the
        key that opens a form runs only when it comes back unused from the list:
        by then the keys typed behind it were handed to the list too, and they
        come back here unused. One stamped before the form existed was meant for it.
        """
        screen = self.screen
        # A form says when it was made (`FormScreen.opened_time`); read by name, so
        # the forms' module (and pydantic) load with the first form, not at start.
        opened = getattr(screen, "opened_time", None)
        typed_before = isinstance(opened, float) and event.time < opened
        if typed_before and event.is_printable:
            event.stop()
            screen.post_message(events.Key(event.key, event.character))

    def refresh_current(self) -> None:
        if isinstance(self.screen, AppScreen):
            self.screen.refresh_guarded()

    def action_show(self, mode: str) -> None:
        if self.current_mode == mode:
            self.refresh_current()
        else:
            self.switch_mode(mode)

    def action_weekly_review(self) -> None:
        """Start (or resume) the guided weekly review over whatever screen is showing."""
        from aiops_tui.screens.weekly.screen import WeeklyReviewScreen

        # not over a form or dialog: it would hide what is being typed
        if not isinstance(self.screen, (WeeklyReviewScreen, ModalScreen)):
            self.push_screen(WeeklyReviewScreen(), lambda _: self.refresh_current())

    def action_help(self) -> None:
        from aiops_tui.screens.help import HelpScreen, screen_keys

        screen = self.screen
        title = next((e.title for e in SCREENS if e.mode == self.current_mode), "aiops")
        intro = getattr(screen, "HELP", "")
        self.push_screen(HelpScreen(title, intro, screen_keys(screen)))

    def action_undo(self) -> None:
        """Undo the last change made in this session (ctrl+z), and show the data again.

        Not over a form or dialog: what it shows would no longer be what is stored.
        """
        if isinstance(self.screen, ModalScreen):
            self.notify("Close this first: ctrl+z undoes the last saved change.", markup=False)
            return
        try:
            entry = self.store.undo_last()
        except StoreError as error:
            notify_refused(self, str(error), title="Not undone")
            return
        if entry is None:
            self.notify("Nothing to undo in this session.", markup=False)
            return
        self.notify(inert(f"Undone: {entry.description}"), title="Undo", markup=False)
        self.refresh_current()
        self.screen.post_message(Undone(entry))

    def action_export(self) -> None:
        """Open the export dialog; not on top of another dialog."""
        from aiops_tui.screens.export_dialog import ExportDialog

        if isinstance(self.screen, ModalScreen):
            return

        def done(path: object) -> None:
            if path is not None:
                self.notify(f"Wrote {path}", title="Exported", timeout=10, markup=False)

        self.push_screen(ExportDialog(self.store), done)

    def _save_theme(self, theme: object) -> None:
        """A theme chosen in the palette is kept in config.toml for the next start."""
        from aiops_tui.config import ConfigError, save_setting

        name = getattr(theme, "name", "")
        if not name or name == self.settings.theme:
            return
        try:
            save_setting("theme", name)
        except ConfigError as error:
            self.notify(str(error), title="Theme not saved", severity="warning", markup=False)
            return
        self.settings = self.settings.with_theme(name)

    def screen_title(self, screen: Screen) -> str:
        """What the palette and help call a screen: its title in SCREENS, else its class."""
        for entry in SCREENS:
            if type(screen).__name__ == entry.cls:
                return entry.title
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", type(screen).__name__.removesuffix("Screen"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for mode, key, title, *_ in SCREENS:
            yield SystemCommand(
                f"Go to {title}",
                f"Open the {title} screen (key {key})",
                lambda mode=mode: self.action_show(mode),
            )
        yield SystemCommand(
            "Weekly review", "Start or resume the weekly review (w)", self.action_weekly_review
        )
        yield SystemCommand(
            "Switch person",
            "Choose who is acting: decisions, ticks, changes (u)",
            self.action_switch_person,
        )
        yield SystemCommand("Help", "Keys of this screen (?)", self.action_help)
        yield SystemCommand(
            "Undo last change",
            "Undo the last edit, tick, label move or decision of this session (ctrl+z)",
            self.action_undo,
        )
        yield SystemCommand(
            "Export playbook", "Write the Markdown playbook or one SOP (ctrl+e)", self.action_export
        )
        yield from super().get_system_commands(screen)

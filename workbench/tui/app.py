"""The workbench terminal app: a thin shell holding the open project, the glossary and the
machine translation engine, on top of which the screens do their work.

`create_app` is the one way to build it (the CLI and the tests both use it), so a test can
hand in a small project, a temporary glossary file and a fake translator.

Saving: every change goes to the project at once, in one SQLite transaction. Text open in
the editor when the app quits is saved if the translator changed it (undo takes it back);
text that cannot be saved, or that was put aside with esc, makes quitting ask (see
`EditorSaving`). Writes the screen must never wait for (parked drafts, retried saves, the
cursor position, the theme) go through one background writer with its own connection.

A project opened read-only (`Project.open(path, read_only=True)`) shows a banner; every
action that would change it says why it cannot.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import ClassVar, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from workbench import config
from workbench.core.errors import GlossaryError, WorkbenchError, os_error_message
from workbench.core.glossary import Glossary
from workbench.fsutil import lock_timeout
from workbench.mt.base import Translator
from workbench.store import glossary_terms
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import Project
from workbench.tui.commands import WorkbenchCommands, system_commands
from workbench.tui.dictionary import DictionaryLoader, LookupProvider, open_lookup
from workbench.tui.key_order import KeyOrder
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.help_screen import HelpScreen
from workbench.tui.screens.quit_dialog import QuitDialog
from workbench.tui.terminal_paste import install_paste_guard
from workbench.tui.writer import BackgroundWriter
from workbench.workflows.glossary_edit import (
    GlossaryLocation,
    edit_glossary,
    read_project_glossary,
)
from workbench.workflows.glossary_review import read_glossary
from workbench.workflows.mt_engine import EngineProvider, load_engine

EDITOR_LOCK_TIMEOUT = 3.0  # seconds the editor waits for another glossary writer (UI thread)
T = TypeVar("T")

TranslatorProvider = Callable[[], Translator]
"""Builds the MT engine on first use, in a worker thread (loading a model takes seconds).
The default loads the installed argos zh→en model and raises ModelNotInstalledError
without one; tests hand in a fake."""


class WorkbenchApp(App[None]):
    """Chinese→English paragraph editor with glossary review and export."""

    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    COMMANDS = App.COMMANDS | {WorkbenchCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            show=False,
            id="app.help",
            tooltip="Every key of this screen",
        ),
    ]

    def __init__(
        self,
        project: Project,
        glossary_path: GlossaryLocation,
        *,
        glossary: Glossary | None = None,
        translator_provider: TranslatorProvider | None = None,
        document_id: int | None = None,
        lookup_provider: LookupProvider | None = None,
        read_only_reason: str | None = None,
    ) -> None:
        super().__init__()
        install_paste_guard()  # before the driver starts reading the terminal
        self.project = project
        self.read_only = project.read_only
        self.read_only_reason = read_only_reason or f"{project.path} was opened read-only"
        self._writer = (
            None if self.read_only else BackgroundWriter(project.path, self._on_ui_thread)
        )
        self.kept_typing: dict[tuple[object, ...], dict[str, str]] = {}  # see KeepsTyping
        self.glossary_path = glossary_path
        self._glossary_stamp = self._glossary_file_stamp()  # before reading: never too new
        self._unreadable_stamp: object = None  # reported once
        self._glossary = glossary if glossary is not None else self._read_glossary()
        self._engine = EngineProvider(translator_provider or load_engine)
        self.document_id = document_id
        self.glossary_changed: Signal[Glossary] = Signal(self, "glossary-changed")
        self.dictionary = DictionaryLoader(self, lookup_provider or open_lookup)
        self.key_order = KeyOrder(self)
        saved_theme = _saved_theme()
        if saved_theme and saved_theme in self.available_themes:
            self.theme = saved_theme

    # -- writes the screen never waits for -------------------------------------------------

    def write(
        self,
        job: Callable[[Project], T],
        done: Callable[[T | WorkbenchError], None] | None = None,
    ) -> Future[T | WorkbenchError] | None:
        """Run `job` on the background writer; `done` gets its result (or its error) on the
        UI thread. None (nothing done) for a read-only project."""
        if self._writer is None:
            return None
        return self._writer.submit(job, done)

    def remember_setting(self, key: str, value: str) -> None:
        """Keep a setting of the editor (cursor, document, theme); a failure only means it
        is not remembered, so it is not reported."""
        self.write(lambda project: project.set_setting(key, value))

    def _on_ui_thread(self, callback: Callable[[], None]) -> None:
        self.post_message(events.Callback(callback=callback))

    # -- glossary --------------------------------------------------------------------------

    @property
    def glossary(self) -> Glossary:
        return self._glossary

    def update_glossary(self, glossary: Glossary) -> None:
        """Save the glossary file (atomically) and re-check every open view against it.

        The edits that made `glossary` from the one in use are made to the file as it is
        on disk, under its write lock (the locked read-modify-write the `glossary` commands
        use), so that a change another program made meanwhile is kept too. A deleted file
        is written whole. GlossaryError, with the reason, when nothing could be saved."""
        if glossary == self._glossary:
            return
        base = self._glossary
        try:
            edit = edit_glossary(
                self.glossary_path,
                lambda on_disk: glossary.rebased(base, on_disk),
                if_missing=base,
                timeout=min(lock_timeout(), EDITOR_LOCK_TIMEOUT),
                project=self.project,
            )
        except GlossaryError as exc:  # a file being edited by hand: never write over it
            raise GlossaryError(
                f"{exc}. The file was changed by another program and cannot be read; "
                "nothing was saved. Fix the file, then try again."
            ) from exc
        except WorkbenchError as exc:  # protected, busy: the message says nothing was written
            raise GlossaryError(str(exc)) from exc
        except OSError as exc:
            raise GlossaryError(f"{os_error_message(exc)}; nothing was saved") from exc
        if not self.glossary_in_database:
            # A project's glossary is read again at the NOTIFY of this very commit: a
            # colleague's commit just after it must not be taken for seen.
            self._glossary_stamp = self._glossary_file_stamp()
        self._use_glossary(edit.after)

    @property
    def glossary_in_database(self) -> bool:
        """Whether the glossary is a team project's, kept in its database (a colleague's
        change to it arrives with the project's NOTIFY, not by watching a file)."""
        return isinstance(self.glossary_path, ProjectGlossary)

    def _read_glossary(self) -> Glossary:
        if isinstance(self.glossary_path, ProjectGlossary):
            return read_project_glossary(self.glossary_path, self.project)
        return read_glossary(self.glossary_path)

    def reload_glossary_if_changed(self) -> bool:
        """Read the glossary file again if another program changed it (a project's glossary:
        if its revision moved); True if the terms changed. A glossary that cannot be read is
        reported once and the terms in use stay."""
        try:
            stamp = self._glossary_file_stamp()
        except WorkbenchError:
            return False  # the project's own watcher reports a project that cannot be read
        if stamp in (self._glossary_stamp, self._unreadable_stamp):
            return False
        try:
            glossary = self._read_glossary()
        except WorkbenchError as exc:
            self._unreadable_stamp = stamp
            self.notify(f"{exc}. The glossary in use is kept.", title="Glossary", severity="error")
            return False
        self._glossary_stamp = stamp
        if glossary == self._glossary:
            return False
        self._use_glossary(glossary)
        return True

    def _use_glossary(self, glossary: Glossary) -> None:
        self._glossary = glossary
        self.dictionary.set_glossary(glossary)
        self.glossary_changed.publish(glossary)

    def _glossary_file_stamp(self) -> object:
        """What tells that the glossary changed: the file's time and size, or the project
        glossary's revision (None before its first edit)."""
        if isinstance(self.glossary_path, ProjectGlossary):
            return glossary_terms.revision(self.project)
        try:
            status = self.glossary_path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    # -- machine translation ---------------------------------------------------------------

    def engine(self) -> Translator:
        """The MT engine, built on first use. Call from a worker thread: loading is slow.

        Raises ModelNotInstalledError (and keeps trying on later calls) without a model.
        """
        return self._engine()

    # -- screens ---------------------------------------------------------------------------

    def get_default_screen(self) -> EditorScreen:
        return EditorScreen(self.document_id)

    @property
    def editor(self) -> EditorScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, EditorScreen)
        return screen

    def show_paragraph(self, paragraph_id: int) -> None:
        """Back to the editor with the cursor on a paragraph (of any document)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.editor.go_to_paragraph(paragraph_id)

    async def on_event(self, event: events.Event) -> None:
        if self.key_order.hold(event):  # its turn comes when the key before it has settled
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def on_unmount(self) -> None:
        self.dictionary.close()
        if self._writer is not None:
            self._writer.close()

    def _remember_theme(self, theme: Theme) -> None:
        # The theme belongs to the person, not the project: it is kept in the config file.
        with contextlib.suppress(WorkbenchError):
            config.set_value("theme", theme.name)

    def action_help(self) -> None:
        """The keys of the screen shown (f1 or ? again, or esc, closes it)."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return system_commands(self, super().get_system_commands(screen))

    async def action_quit(self) -> None:
        """Quit: the open text is saved first; unsaved text makes it ask."""
        if isinstance(self.screen, QuitDialog):
            return
        self.editor.quit_editor()


def _saved_theme() -> str | None:
    """The theme from the person's config file; an unreadable file means the default."""
    try:
        return config.get("theme")
    except WorkbenchError:
        return None


def create_app(
    project: Project,
    glossary_path: GlossaryLocation,
    *,
    translator_provider: TranslatorProvider | None = None,
    document_id: int | None = None,
    glossary: Glossary | None = None,
    lookup_provider: LookupProvider | None = None,
    read_only_reason: str | None = None,
) -> WorkbenchApp:
    """The app for an open project and a glossary file (created on the first change).

    `translator_provider` builds the MT engine on first use (default: the installed argos
    model; the glossary is enforced by the translate workflow); `document_id` picks the
    document shown first (default: the one open last time, else the first);
    `lookup_provider` opens the dictionary on first use (default: the CC-CEDICT index);
    `read_only_reason` says why a project opened read-only could not be opened to write.
    """
    return WorkbenchApp(
        project,
        glossary_path,
        glossary=glossary,
        translator_provider=translator_provider,
        document_id=document_id,
        lookup_provider=lookup_provider,
        read_only_reason=read_only_reason,
    )

"""The dictionary as the app uses it: one `LookupService`, opened lazily in a worker thread.

Opening is fast once the CC-CEDICT index exists, but the first open builds it (a couple of
seconds), so nothing opens the dictionary until a view needs it, and the open runs in a
worker. Every view shows where it stands from `DictionaryLoader.status` (opening, building
with a percentage, ready, failed), which is published on `DictionaryLoader.changed`. A
failure (no dictionary file, an unwritable cache) is kept and shown where the dictionary
would be; nothing else in the app depends on it.

`propose_term` is how a dictionary sense or a concordance hit becomes a glossary term: the
term form, prefilled, and on saving the app's glossary update (file written, rows
re-checked, the dictionary's glossary replaced).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING

from textual.signal import Signal

from workbench.core.errors import GlossaryError, WorkbenchError
from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.store.dictionary_index import ProgressCallback
from workbench.tui.screens.term_form import TermEdit, TermForm
from workbench.workflows.lookup import LookupService, add_term

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

LookupProvider = Callable[[Glossary, ProgressCallback], LookupService]
"""Opens the dictionary with a glossary, reporting an index build to the callback. Runs in
a worker thread; the default opens the CC-CEDICT index (`LookupService.open`)."""


def open_lookup(glossary: Glossary, progress: ProgressCallback) -> LookupService:
    return LookupService.open(glossary, progress=progress)


class Phase(StrEnum):
    IDLE = "idle"  # not needed yet
    OPENING = "opening"
    BUILDING = "building"  # first use: the index is being built
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class DictionaryStatus:
    """Where the dictionary stands, as the views show it."""

    phase: Phase = Phase.IDLE
    done: int = 0  # dictionary lines indexed so far, while building
    total: int = 0
    error: str = ""  # why it failed

    @property
    def message(self) -> str:
        """What to show instead of dictionary entries ("" when ready)."""
        if self.phase is Phase.BUILDING:
            percent = self.done * 100 // max(self.total, 1)
            return f"Building the dictionary index (first use only)… {percent}%"
        if self.phase is Phase.FAILED:
            return f"The dictionary is not available: {self.error}"
        if self.phase is Phase.READY:
            return ""
        return "Opening the dictionary…"


class DictionaryLoader:
    """The app's dictionary: opened on first need, then kept until the app ends; after a
    failure it is tried again only when the user asks (`retry`)."""

    def __init__(self, app: WorkbenchApp, provider: LookupProvider) -> None:
        self.app = app
        self.provider = provider
        self.status = DictionaryStatus()
        self.changed: Signal[DictionaryStatus] = Signal(app, "dictionary-changed")
        self.generation = 0  # bumped when the glossary changes: older word lists are stale
        self._service: LookupService | None = None

    def service(self) -> LookupService | None:
        """The open dictionary, or None while it opens (the first call starts that) or
        after it failed (`status` says why)."""
        if self._service is None and self.status.phase is Phase.IDLE:
            self._set(DictionaryStatus(Phase.OPENING))
            self.app.run_worker(
                partial(self._open, self.app.glossary),
                name="open the dictionary",
                group="dictionary",
                thread=True,
                exclusive=True,
            )
        return self._service

    def retry(self) -> LookupService | None:
        """`service()`, opening the dictionary again if it failed before: for an explicit
        request (the look-up dialog), not for every row the cursor passes."""
        if self._service is None and self.status.phase is Phase.FAILED:
            self.status = DictionaryStatus()
        return self.service()

    def set_glossary(self, glossary: Glossary) -> None:
        """Look terms up in `glossary` from now on."""
        self.generation += 1
        if self._service is not None:
            self._service.glossary = glossary

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
            self._service = None

    def _open(self, glossary: Glossary) -> None:
        app = self.app

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self._progress, done, total)

        try:
            service = self.provider(glossary, progress)
        except WorkbenchError as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # a broken index or cache must reach the user, not end the app
            app.call_from_thread(self._failed, repr(exc))
            return
        app.call_from_thread(self._opened, service)

    def _progress(self, done: int, total: int) -> None:
        if self.status.phase is not Phase.BUILDING:
            self.app.notify(
                "Building the CC-CEDICT dictionary index: first use only, a few seconds.",
                title="Dictionary",
            )
        self._set(DictionaryStatus(Phase.BUILDING, done, total))

    def _opened(self, service: LookupService) -> None:
        service.glossary = self.app.glossary  # it may have changed while the index opened
        self._service = service
        self._set(DictionaryStatus(Phase.READY))

    def _failed(self, message: str) -> None:
        self._set(DictionaryStatus(Phase.FAILED, error=message))

    def _set(self, status: DictionaryStatus) -> None:
        self.status = status
        self.changed.publish(status)


# -- adding to the glossary ------------------------------------------------------------------


def propose_term(
    app: WorkbenchApp,
    *,
    source: str,
    target: str = "",
    note: str = "",
    on_added: Callable[[Term], None] | None = None,
) -> None:
    """Open the term form prefilled as a candidate; saving adds the term to the glossary
    (the file is written, the rows re-checked). A term already in the glossary is not
    offered again: the message says where to change it."""
    existing = app.glossary.get(source) if source else None
    if existing is not None:
        app.notify(
            f"{existing.source} is already in the glossary: {existing.target} "
            f"({existing.status.value}). ctrl+t opens the glossary to change it.",
            severity="warning",
        )
        return

    def save(edit: TermEdit | None) -> None:
        if edit is None:
            return
        try:
            app.update_glossary(add_term(app.glossary, edit.term))
        except (GlossaryError, OSError) as exc:
            app.notify(str(exc), title="Glossary not saved", severity="error")
            return
        term = edit.term
        app.notify(f"Added {term.source} → {term.target} ({term.status.value}); rows re-checked.")
        if on_added is not None:
            on_added(term)

    form = TermForm(
        app.glossary, source=source, target=target, note=note, status=TermStatus.CANDIDATE
    )
    app.push_screen(form, save)

"""Find and replace across the translator's English (and find in the Chinese).

Enter finds every match and lists each row with its change marked (the old text struck
through, the new in bold): that list is the preview. alt+o replaces in the highlighted row,
alt+a in every row listed; each is one undo step (ctrl+z in the editor). Enter on a listed
row (or ctrl+g) closes the dialog at that row. A bad regular expression is a message under
the fields, never a crash. The dialog dismisses with what the editor has to do: go to a row
and/or reload the rows the replacement changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from workbench.core.errors import WorkbenchError
from workbench.core.glossary import Glossary
from workbench.core.phrasing import counted
from workbench.core.replace import FindQuery, check_replacement
from workbench.store.project import BulkEditResult, Project
from workbench.store.texts import RowText, row_texts
from workbench.tui.rows import Row
from workbench.tui.widgets.text_fields import TextInput
from workbench.workflows.replacing import (
    PlannedChange,
    ReplaceCancelled,
    apply_replace,
    find_rows,
    forbidden_introduced,
    plan_replace,
)

SHOWN = 500  # rows listed in the preview (the count says how many there are)
CONTEXT = 40  # characters shown before the first match of a long row
LENGTH = 240  # characters of a row shown in the preview, about three lines


@dataclass(frozen=True)
class FindOptions:
    case_sensitive: bool = False
    whole_word: bool = False
    regex: bool = False
    chinese: bool = False  # find in the Chinese (nothing to replace there)
    all_documents: bool = False


@dataclass
class FindOutcome:
    """What the editor does when the dialog closes."""

    go_to: int | None = None  # paragraph id
    changed: list[int] = field(default_factory=list)  # paragraph ids replaced
    text: str = ""  # the search text, offered again next time


class FindReplaceScreen(ModalScreen[FindOutcome]):
    """Find in the English or the Chinese, preview, replace one or all."""

    # The alt keys have priority: a terminal sends alt+w as ESC w, which Textual passes on
    # with the character "w", and the focused text field would type it.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="find.close"),
        Binding("alt+c", "toggle_option('case_sensitive')", "Case", id="find.case", priority=True),
        Binding(
            "alt+w",
            "toggle_option('whole_word')",
            "Whole word",
            id="find.whole_word",
            priority=True,
        ),
        Binding("alt+r", "toggle_option('regex')", "Regex", id="find.regex", priority=True),
        Binding(
            "alt+z", "toggle_option('chinese')", "In Chinese", id="find.chinese", priority=True
        ),
        Binding(
            "alt+d",
            "toggle_option('all_documents')",
            "All documents",
            id="find.all_documents",
            priority=True,
        ),
        Binding("alt+o", "replace_one", "Replace this", id="find.replace_one", priority=True),
        Binding("alt+a", "replace_all", "Replace all", id="find.replace_all", priority=True),
        Binding("ctrl+g", "go", "Go to row", id="find.go"),
    ]

    def __init__(
        self,
        project: Project,
        glossary: Glossary,
        document_id: int | None,
        *,
        read_only: bool = False,
        text: str = "",
        options: FindOptions | None = None,
        shown: Callable[[], Sequence[Row]] | None = None,
    ) -> None:
        super().__init__()
        self.project = project
        # The editor's rows of the document (when they are all of it): searched instead of
        # reading 100,000 texts from the project again. A row changed since it was read is
        # refused at replacement (`expected`), never overwritten.
        self.shown = shown
        self.glossary = glossary
        self.document_id = document_id
        self.read_only = read_only
        self.options = options or FindOptions()
        self._text = text
        self.changes: list[PlannedChange] = []  # the preview (replacing in the English)
        self.found: list[RowText] = []  # rows found (finding in the Chinese, or no NEW)
        self.outcome = FindOutcome()
        self.worker: Worker[None] | None = None  # the search or replacement running

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog find-dialog"):
            yield Label("Find and replace", classes="dialog-title")
            with Horizontal(classes="find-row"):
                yield Label("Find    ", classes="find-label")
                yield TextInput(
                    self._text, placeholder="text to find", id="find-text", classes="compact-input"
                )
            with Horizontal(classes="find-row"):
                yield Label("Replace ", classes="find-label")
                yield TextInput(
                    "",
                    placeholder="replacement (empty: delete)",
                    id="find-new",
                    classes="compact-input",
                )
            yield Label(self._options_text(), id="find-options", classes="dialog-hint")
            yield Label("", id="find-summary")
            yield OptionList(id="find-preview")
            yield Label(
                "enter find · alt+o replace this · alt+a all · ctrl+g go to row · esc close",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#find-text", Input).focus()

    # -- options --------------------------------------------------------------------------

    def _options_text(self) -> Content:
        """`alt+c case  alt+w word …`, each option's name highlighted when it is on."""
        o = self.options
        flags = [
            ("alt+c", "case", o.case_sensitive),
            ("alt+w", "word", o.whole_word),
            ("alt+r", "regex", o.regex),
            ("alt+z", "Chinese", o.chinese),
            ("alt+d", "all docs", o.all_documents),
        ]
        parts: list[Content | tuple[str, str] | str] = []
        for key, name, chosen in flags:
            parts += [(key, "$foreground-muted"), " "]
            parts += [(name, "bold reverse $accent" if chosen else ""), "  "]
        return Content.assemble(*parts)

    def action_toggle_option(self, name: str) -> None:
        self.options = replace(self.options, **{name: not getattr(self.options, name)})
        self.query_one("#find-options", Label).update(self._options_text())
        if self._query_text():
            self.find_all()

    # -- finding --------------------------------------------------------------------------

    def _query_text(self) -> str:
        return self.query_one("#find-text", Input).value

    def _new_text(self) -> str:
        return self.query_one("#find-new", Input).value

    def _query(self) -> FindQuery:
        o = self.options
        return FindQuery(
            self._query_text(),
            regex=o.regex,
            case_sensitive=o.case_sensitive,
            whole_word=o.whole_word,
        )

    def _summary(self, text: str | Content, *, error: bool = False) -> None:
        label = self.query_one("#find-summary", Label)
        label.set_class(error, "dialog-error")
        label.update(text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.find_all()

    def find_all(self) -> None:
        """List every row the query finds, with what replacing would make of it: in a
        worker (a large document takes seconds), with progress; esc stops it."""
        if self._busy("search again"):
            return
        query = self._query()
        try:
            check_replacement(query, "" if self.options.chinese else self._new_text())
        except WorkbenchError as exc:
            self.changes, self.found = [], []
            self._show_preview(query)
            self._summary(str(exc), error=True)
            return
        self._summary("Searching… (esc stops)")
        shown = None
        if self.shown is not None and not self.options.all_documents:
            shown = list(self.shown())  # taken here, on the UI thread; read in the worker
        self.worker = self._plan(query, self._new_text(), self.options, shown)

    @work(thread=True, group="find")  # one at a time: _busy
    def _plan(
        self, query: FindQuery, new: str, options: FindOptions, shown: list[Row] | None
    ) -> None:
        worker = get_current_worker()
        scope = None if options.all_documents else self.document_id
        rows = None if shown is None else [_text_of(row) for row in shown]
        changes: list[PlannedChange] = []
        found: list[RowText] = []
        try:
            if options.chinese:
                if rows is None:
                    rows = row_texts(self.project, scope)
                found = find_rows(rows, query, source=True, target=False)
            else:
                changes = plan_replace(
                    self.project,
                    query,
                    new,
                    document_id=scope,
                    rows=rows,
                    progress=self._progress_from_worker("Searching", worker),
                    cancelled=lambda: worker.is_cancelled,
                )
        except ReplaceCancelled:
            self.app.call_from_thread(self._search_stopped)
            return
        except WorkbenchError as exc:
            self.app.call_from_thread(self._plan_failed, worker, query, str(exc))
            return
        self.app.call_from_thread(self._planned, worker, query, changes, found)

    def _planned(
        self,
        worker: Worker[None],
        query: FindQuery,
        changes: list[PlannedChange],
        found: list[RowText],
    ) -> None:
        if worker is not self.worker or worker.is_cancelled or not self.is_attached:
            return  # stopped, replaced by a newer search, or the dialog closed
        self.worker = None
        self.changes, self.found = changes, found
        try:
            self._show_preview(query)
        except WorkbenchError as exc:  # marking the matches ran past the regex's limit
            self.changes, self.found = [], []
            self.query_one("#find-preview", OptionList).clear_options()
            self._summary(str(exc), error=True)

    def _search_stopped(self) -> None:
        if self.is_attached:
            self._summary("Search stopped.")

    def _plan_failed(self, worker: Worker[None], query: FindQuery, message: str) -> None:
        if worker is not self.worker or worker.is_cancelled or not self.is_attached:
            return
        self.worker = None
        self.changes, self.found = [], []
        self._show_preview(query)
        self._summary(message, error=True)

    class WorkProgress(Message):
        """How far a worker has got; posted, never waited for (see `_progress_from_worker`)."""

        def __init__(self, worker: Worker[None], doing: str, done: int, total: int) -> None:
            super().__init__()
            self.worker, self.doing, self.done, self.total = worker, doing, done, total

    def _progress_from_worker(self, doing: str, worker: Worker[None]) -> Callable[[int, int], None]:
        # The replacement reports from inside its write transaction, holding the project's
        # lock: waiting there for the UI thread (call_from_thread) deadlocks the editor when
        # the UI thread is itself waiting for that lock (the change watcher). Posting a
        # message does not wait.
        def report(done: int, total: int) -> None:
            if total and not worker.is_cancelled:
                self.post_message(self.WorkProgress(worker, doing, done, total))

        return report

    @on(WorkProgress)
    def _show_progress(self, event: WorkProgress) -> None:
        event.stop()
        if event.worker is self.worker and self.is_attached:
            self._summary(
                f"{event.doing}… {event.done:,} of {counted(event.total, 'row')} (esc stops)"
            )

    def _busy(self, what: str) -> bool:
        """True (with a notice) while a search or a replacement runs."""
        if self.worker is None or self.worker.is_finished:
            self.worker = None
            return False
        self.notify(f"Cannot {what} yet: the last search or replacement is still running.")
        return True

    def _show_preview(self, query: FindQuery) -> None:
        preview = self.query_one("#find-preview", OptionList)
        preview.clear_options()
        names = {}
        if self.options.all_documents:
            names = {d.id: d.name for d in self.project.documents()}
        options = []
        if self.options.chinese:
            for row in self.found[:SHOWN]:
                head = _head(row.number, names.get(row.document_id))
                options.append(
                    Option(head + _marked(query, row.source, None), id=str(row.paragraph_id))
                )
            found = f"{counted(len(self.found), 'row')} with “{self._query_text()}” in the Chinese"
        else:
            for change in self.changes[:SHOWN]:
                head = _head(change.number, names.get(change.document_id))
                body = _marked(query, change.before, self._new_text())
                options.append(Option(head + body, id=str(change.paragraph_id)))
            matches = sum(change.count for change in self.changes)
            found = (
                f"{counted(len(self.changes), 'row')} would change "
                f"({counted(matches, 'match', 'matches')})"
            )
            warnings = forbidden_introduced(self.glossary, self.changes[:SHOWN])
            if warnings:
                first = warnings[0]
                found += (
                    f" · row {first.change.number} would use “{first.rendering}”, "
                    f"forbidden for {first.chinese}"
                )
        preview.add_options(options)
        if options:
            preview.highlighted = 0
        self._summary(found if self._query_text() else "")

    # -- replacing ------------------------------------------------------------------------

    def _refused(self) -> bool:
        if self.read_only:
            self._summary("The project is read-only: nothing can be replaced.", error=True)
            return True
        if self.options.chinese:
            self._summary(
                "The Chinese is found, not replaced: alt+z to find in the English.", error=True
            )
            return True
        try:
            check_replacement(self._query(), self._new_text())
        except WorkbenchError as exc:
            self._summary(str(exc), error=True)
            return True
        return False

    def action_replace_one(self) -> None:
        preview = self.query_one("#find-preview", OptionList)
        if self._refused() or preview.highlighted is None or not self.changes:
            return
        index = preview.highlighted
        if index >= len(self.changes):
            return
        self._apply([self.changes[index]])

    def action_replace_all(self) -> None:
        if self._refused() or not self.changes:
            return
        self._apply(self.changes)

    def _apply(self, changes: list[PlannedChange]) -> None:
        if self._busy("replace"):
            return
        self._summary("Replacing… (esc stops: nothing is changed)")
        self.worker = self._replace(changes)

    @work(thread=True, group="find")  # one at a time: _busy
    def _replace(self, changes: list[PlannedChange]) -> None:
        worker = get_current_worker()
        try:
            result = apply_replace(
                self.project,
                changes,
                progress=self._progress_from_worker("Replacing", worker),
                cancelled=lambda: worker.is_cancelled,
            )
        except ReplaceCancelled:
            self.app.call_from_thread(self._replace_stopped, worker)
            return
        except WorkbenchError as exc:
            self.app.call_from_thread(self._replace_failed, worker, str(exc))
            return
        self.app.call_from_thread(self._replaced, worker, result)

    def _replaced(self, worker: Worker[None], result: BulkEditResult) -> None:
        self.outcome.changed.extend(result.written)
        self.shown = None  # the editor's rows are behind now: search the project
        if worker is self.worker:
            self.worker = None
        done = f"Replaced in {counted(len(result.written), 'row')} (ctrl+z undoes it)."
        if result.conflicts:
            done += f" {counted(len(result.conflicts), 'row')} changed elsewhere: left alone."
        self.notify(done)
        if self.is_attached:
            self.find_all()  # what is left to replace

    def _replace_stopped(self, worker: Worker[None]) -> None:
        if worker is self.worker:
            self.worker = None
        self.notify("Replacement stopped: nothing was changed.")
        if self.is_attached:
            self._summary("Replacement stopped: nothing was changed.")

    def _replace_failed(self, worker: Worker[None], message: str) -> None:
        if worker is self.worker:
            self.worker = None
        if self.is_attached:
            self._summary(message, error=True)

    # -- leaving --------------------------------------------------------------------------

    def action_go(self) -> None:
        preview = self.query_one("#find-preview", OptionList)
        if preview.highlighted is None:
            return
        option = preview.get_option_at_index(preview.highlighted)
        if option.id is not None:
            self.outcome.go_to = int(option.id)
        self.action_close()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_go()

    def action_close(self) -> None:
        """esc: stop the search or replacement running, else close the dialog (not while a
        stopped replacement is still being taken back)."""
        worker = self.worker
        if worker is not None and not worker.is_finished:
            if not worker.is_cancelled:
                worker.cancel()
                self._summary("Stopping…")
            return
        self.outcome.text = self._query_text()
        self.dismiss(self.outcome)


def _text_of(row: Row) -> RowText:
    paragraph = row.paragraph
    return RowText(row.id, paragraph.document_id, row.number, paragraph.source, paragraph.target)


def _head(number: int, document: str | None) -> Content:
    where = f"{document} row {number}" if document else f"row {number}"
    return Content.assemble((f"{where:>8}  ", "$foreground-muted"))


def _marked(query: FindQuery, text: str, new: str | None) -> Content:
    """The text with each match marked: struck through (and followed by the replacement in
    bold) when replacing, underlined when only finding. A long text is shown from shortly
    before its first match, for about `LENGTH` characters (the count above says how many
    matches there are)."""
    found = list(query.finditer(text))
    parts: list[Content | tuple[str, str] | str] = []
    first = found[0].start() if found else 0
    position = first - CONTEXT if first > 2 * CONTEXT else 0
    if position:
        parts.append("…")
    stop = position + LENGTH
    for match in found:
        if match.start() >= stop:
            break
        parts.append(text[position : match.start()])
        if new is None:
            parts.append((match.group(), "underline bold $accent"))
        else:
            parts.append((match.group(), "strike $error"))
            replacement = match.expand(new) if query.regex else new
            if replacement:
                parts.append((replacement, "bold $success"))
        position = match.end()
    rest = text[position:]
    parts.append(rest if len(rest) <= CONTEXT * 2 else rest[: CONTEXT * 2] + "…")
    return Content.assemble(*parts)

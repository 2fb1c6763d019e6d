"""The editor's background work, each in a worker thread so the UI never waits:

- machine translation of a row or of the whole document, with a progress bar;
- the quality checks of the document (re-run shortly after each change);
- the glossary checks of large documents (the rows on screen are checked at once);
- the inspector's slow tabs: every issue of the current row, and its memory matches.

Results come back to the UI thread with `call_from_thread`; a result for a row the cursor
has left, or from a run that a newer one replaced, is simply ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from textual import work
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from workbench.core.errors import ModelNotInstalledError, WorkbenchError
from workbench.core.phrasing import counted
from workbench.core.qa import QaIssue, SegmentContext, run_checks
from workbench.core.segments import Paragraph
from workbench.core.tm import MemoryIndex, TmMatch
from workbench.mt.argos import INSTALL_HINT
from workbench.store.memory import MemoryStore
from workbench.store.project import Project
from workbench.tui.rows import Row, RowChecker, with_qa
from workbench.tui.widgets.inspector import Inspector
from workbench.tui.widgets.segment_table import SegmentTable
from workbench.tui.widgets.status_bar import StatusBar
from workbench.workflows.checking import CheckReport, check_project, disabled_checks
from workbench.workflows.memory import load_index, matches_for_paragraph
from workbench.workflows.mt_engine import GENERATED_NOTICE, is_generated
from workbench.workflows.translating import (
    TranslateProgress,
    TranslateSummary,
    translate_paragraphs,
)
from workbench.workflows.translation_plan import FIRST_CHUNK

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

# Sentences per engine call in the editor: smaller than the CLI's so that the progress bar
# moves and esc stops a run quickly, still large enough to keep batching efficient.
MT_CHUNK = 32
INSPECT_DELAY = 0.15  # seconds the cursor rests before the slow inspector tabs update
QA_DELAY = 0.6  # seconds after the last change before the document is re-checked
QA_DELAY_LARGE = 5.0  # the same for documents of more than EAGER_QA rows
EAGER_QA = 300
CHECK_CHUNK = 200


class EditorTasks(Screen[None]):
    """Worker-backed behaviour of the editor; `EditorScreen` adds the rest."""

    document_id: int | None = None
    checker: RowChecker | None = None
    inspector_hidden = False
    qa_issues: dict[int, tuple[QaIssue, ...]]
    qa_ready = False  # the document pass has run since the document was opened
    _changed_during_pass: set[int]
    _inspect_timer: Timer | None = None
    _qa_timer: Timer | None = None
    _memory_index: MemoryIndex | None = None
    _memory_stale = True
    _mt_worker: Worker[None] | None = None
    _generated_noticed = False  # the test-model notice is shown once per session
    mt_chunk = MT_CHUNK

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    @property
    def project(self) -> Project:
        return self.workbench.project

    @property
    def grid(self) -> SegmentTable:
        return self.query_one(SegmentTable)

    @property
    def current(self) -> Row | None:
        return self.grid.current

    def refresh_paragraphs(self, paragraphs: Sequence[Paragraph]) -> None:
        raise NotImplementedError

    @property
    def closing_down(self) -> bool:
        """The app is ending: a worker's late result has nowhere to go."""
        return not self.is_attached or not self.query(SegmentTable)

    def refuse_read_only(self, what: str) -> bool:
        """True, with a notice saying why, when the project cannot be changed."""
        if not self.workbench.read_only:
            return False
        self.notify(
            f"Cannot {what}: the project is read-only ({self.workbench.read_only_reason}).",
            title="Read-only",
            severity="warning",
        )
        return True

    def _cursor_changed(self) -> None:
        raise NotImplementedError

    # -- glossary checks of large documents ------------------------------------------------

    @work(thread=True, exclusive=True, group="checks")
    def fill_checks(self) -> None:
        worker = get_current_worker()
        checker = self.checker
        rows = list(self.grid.rows)
        pending = [row for row in rows if row.check is None]
        assert checker is not None
        for start in range(0, len(pending), CHECK_CHUNK):
            if worker.is_cancelled:
                return
            done = [checker.fill(row) for row in pending[start : start + CHECK_CHUNK]]
            self.app.call_from_thread(self._checks_ready, checker, done)

    def _checks_ready(self, checker: object, rows: list[Row]) -> None:
        if self.closing_down:
            return
        if checker is not self.checker:
            return  # the glossary changed meanwhile; a new run is on its way
        self.grid.replace_rows(rows)
        self._cursor_changed()

    # -- quality checks ------------------------------------------------------------------
    #
    # The whole document is checked in a worker (at load, and a moment after changes); a
    # row that changes is re-checked at once on its own (`segment_issues`), so its flags
    # are never stale; only the comparisons with other rows wait for the next pass.

    def schedule_quality_checks(self) -> None:
        if self._qa_timer is not None:
            self._qa_timer.stop()
        delay = QA_DELAY if len(self.grid.rows) <= EAGER_QA else QA_DELAY_LARGE
        self._qa_timer = self.set_timer(delay, self.run_quality_checks)

    @work(thread=True, exclusive=True, group="qa")
    def run_quality_checks(self) -> None:
        document_id = self.document_id
        if document_id is None:
            return
        report = check_project(self.project, self.workbench.glossary, document_id=document_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._quality_ready, document_id, report)

    def _quality_ready(self, document_id: int, report: CheckReport) -> None:
        if self.closing_down:
            return
        if document_id != self.document_id:
            return
        by_id = report.by_paragraph()
        # Every row of the document, also those a filter hides (the next filter needs them).
        fresh = {row.id: () for row in self.grid.rows} | by_id
        # Rows changed while the pass ran keep the issues computed for their new text.
        for paragraph_id in self._changed_during_pass:
            if paragraph_id in self.qa_issues:
                fresh[paragraph_id] = self.qa_issues[paragraph_id]
        self._changed_during_pass.clear()
        self.qa_issues = fresh
        self.qa_ready = True
        changed = [with_qa(row, fresh.get(row.id, ())) for row in self.grid.rows]
        self.grid.replace_rows(changed)
        self._cursor_changed()

    def segment_issues(self, paragraph: Paragraph) -> tuple[QaIssue, ...]:
        """The checks of one row on its own, at once (cheap: no comparison with others)."""
        context = SegmentContext(
            kind=paragraph.kind,
            source_sentences=tuple(s.source for s in self.project.sentences(paragraph.id)),
        )
        issues = tuple(
            run_checks(
                paragraph.source,
                paragraph.english,
                glossary=self.workbench.glossary,
                disabled=disabled_checks(self.project),
                context=context,
            )
        )
        self.qa_issues[paragraph.id] = issues
        self._changed_during_pass.add(paragraph.id)
        return issues

    # -- inspector -------------------------------------------------------------------------

    def schedule_inspection(self) -> None:
        if self._inspect_timer is not None:
            self._inspect_timer.stop()
        self._inspect_timer = self.set_timer(INSPECT_DELAY, self._inspect)

    def _inspect(self) -> None:
        # Also while the inspector is hidden: alt+1…alt+9 put the matches in the edit box.
        row = self.current
        if row is not None:
            self._inspect_row(row.id)

    def mark_memory_changed(self) -> None:
        self._memory_stale = True

    @work(thread=True, exclusive=True, group="inspect")
    def _inspect_row(self, paragraph_id: int) -> None:
        if self._memory_index is None or self._memory_stale:
            self._memory_stale = False
            # The memory is brought up to date by the background writer, so that a project
            # another program is writing to never holds up the app's own connection.
            synced = self.workbench.write(lambda project: MemoryStore(project).sync_project())
            if synced is not None:
                synced.result()
            try:
                self._memory_index = load_index(self.project, sync=False)
            except WorkbenchError as exc:
                self.app.call_from_thread(self._matches_failed, paragraph_id, str(exc))
                return
        if get_current_worker().is_cancelled:
            return
        try:
            found = matches_for_paragraph(self.project, paragraph_id, index=self._memory_index)
        except WorkbenchError as exc:
            self.app.call_from_thread(self._matches_failed, paragraph_id, str(exc))
            return
        self.app.call_from_thread(self._matches_ready, paragraph_id, list(found.matches))

    def _matches_failed(self, paragraph_id: int, message: str) -> None:
        if self.closing_down:
            return
        self._memory_stale = True
        self.notify(f"Memory matches cannot be shown: {message}", severity="warning")

    def _matches_ready(self, paragraph_id: int, matches: list[TmMatch]) -> None:
        if self.closing_down:
            return
        self.query_one(Inspector).show_matches(paragraph_id, matches)

    # -- machine translation ---------------------------------------------------------------

    def action_translate_row(self) -> None:
        row = self.current
        if row is not None and not self.refuse_read_only("machine-translate"):
            self._start_translation([row.id], f"Translating row {row.number}")

    def action_translate_document(self) -> None:
        ids = [row.id for row in self.grid.rows]
        if ids and not self.refuse_read_only("machine-translate"):
            self._start_translation(ids, f"Translating {counted(len(ids), 'row')}")

    def _start_translation(self, ids: Sequence[int], label: str) -> None:
        if self._mt_worker is not None and self._mt_worker.is_running:
            self.notify("Machine translation is already running (esc stops it).")
            return
        self.query_one(StatusBar).start_task(label, len(ids))
        self._mt_worker = self._translate(list(ids))

    def cancel_translation(self) -> bool:
        """Stop a running translation; True if there was one."""
        worker = self._mt_worker
        if worker is None or not worker.is_running:
            return False
        worker.cancel()
        # The rows of the batch being translated are not written; the message waits for
        # the worker to end (`_translation_done`), so that no row arrives after it.
        self.query_one(StatusBar).rename_task("Stopping machine translation…")
        return True

    @work(thread=True, exclusive=True, group="mt")
    def _translate(self, ids: list[int]) -> None:
        """Run the project's translate workflow (cache, chunking, glossary enforcement) on
        the rows; each chunk is saved as it is done and shown at once."""
        worker = get_current_worker()
        app = self.app
        try:
            engine = self.workbench.engine()
        except ModelNotInstalledError as exc:
            message = str(exc)
            if INSTALL_HINT not in message:
                message += f" Install one with: {INSTALL_HINT}"
            app.call_from_thread(self._translation_failed, "No translation model", message)
            return
        except WorkbenchError as exc:
            app.call_from_thread(self._translation_failed, "Cannot load the model", str(exc))
            return
        if is_generated(engine) and not self._generated_noticed:
            self._generated_noticed = True
            app.call_from_thread(
                self.notify, GENERATED_NOTICE, title="Test model", severity="warning", timeout=10
            )

        def progress(report: TranslateProgress) -> None:
            updated = [self.project.paragraph(pid) for pid in report.updated]
            app.call_from_thread(
                self._translation_progress, report.rows_done, report.rows_total, updated
            )

        try:
            summary = translate_paragraphs(
                self.project,
                self.workbench.glossary,
                engine,
                ids,
                progress=progress,
                cancel=lambda: worker.is_cancelled,
                chunk_size=self.mt_chunk,
                first_chunk=FIRST_CHUNK,
            )
        except WorkbenchError as exc:  # a broken model, a failed decode
            app.call_from_thread(self._translation_failed, "Machine translation failed", str(exc))
            return
        except Exception as exc:  # an engine failure must reach the user, not kill the app
            app.call_from_thread(self._translation_failed, "Machine translation failed", repr(exc))
            return
        app.call_from_thread(self._translation_done, summary)

    def _translation_progress(self, done: int, total: int, updated: list[Paragraph]) -> None:
        if self.closing_down:
            return
        self.query_one(StatusBar).advance(done, total)
        self.mark_memory_changed()
        self.refresh_paragraphs(updated)

    def _translation_done(self, summary: TranslateSummary) -> None:
        if self.closing_down:
            return
        self.query_one(StatusBar).end_task()
        if summary.cancelled:
            self.notify(
                f"Machine translation stopped: {counted(summary.rows_written, 'row')} "
                "translated before you stopped it are kept."
            )
            return
        if not summary.rows_written:
            self.notify("The machine translation is up to date: nothing to translate.")
            return
        flagged = len(summary.flagged)
        message = f"Machine-translated {counted(summary.rows_written, 'row')}"
        if summary.rows_from_cache:
            message += f", {summary.rows_from_cache} from the cache"
        if flagged:
            message += f". {counted(flagged, 'row')} miss glossary terms: f goes to the next flag"
        self.notify(message + ".", severity="warning" if flagged else "information")

    def _translation_failed(self, title: str, message: str) -> None:
        if self.closing_down:
            return
        self.query_one(StatusBar).end_task()
        self.notify(
            f"{message}\nEverything else keeps working.",
            title=title,
            severity="error",
            timeout=15,
        )

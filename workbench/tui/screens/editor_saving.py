"""Saving the editor's text, and what happens when a save cannot be made.

A save runs at once on the app's connection (ctrl+s, tab, leaving the row). When it fails,
because another program holds the project's write lock past the wait, the disk is full or
the project became read-only, nothing is lost: the text stays in the editor, is parked as
a draft, one notification says what failed, and the save is tried again every
`RETRY_INTERVAL` seconds on the background writer (so a long wait never freezes the screen)
and on the next save key. A row changed elsewhere meanwhile is a conflict, never
overwritten.

Quitting saves the open text; if any text is still unsaved (a draft put aside, a save that
failed) the translator chooses: save it, keep it as drafts for next time, throw it away, or
go back.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass

from workbench.core.errors import WorkbenchError
from workbench.core.phrasing import counted
from workbench.core.text_policy import sanitize_text
from workbench.store.project import ConflictError, Project
from workbench.tui.screens.editor_drafts import EditorDrafts
from workbench.tui.screens.quit_dialog import QuitChoice, QuitDialog, UnsavedRow
from workbench.tui.widgets.editor_panel import Draft
from workbench.workflows.memory import SaveOutcome, save_translation

RETRY_INTERVAL = 3.0  # seconds between tries of a save that failed


@dataclass(frozen=True)
class _Failure:
    """A row whose save failed and is being retried."""

    paragraph_id: int
    message: str


@dataclass(frozen=True)
class _Retry:
    paragraph_id: int
    text: str
    future: Future[SaveOutcome | WorkbenchError]


class EditorSaving(EditorDrafts):
    """Saves, failed saves and their retries, and quitting with unsaved text."""

    _failure: _Failure | None = None
    _retry: _Retry | None = None

    def save_draft(
        self,
        draft: Draft,
        text: str,
        *,
        explicit: bool,
        overwrite: bool = False,
        approve: bool = False,
    ) -> bool:
        """Save the draft (and approve it, in the same undo step, if asked); False (and the
        text kept) when it could not be saved.

        Leaving a row saves only what was typed; ctrl+s also saves an untouched machine
        translation as the translator's English.
        """
        if not explicit and text == draft.initial and not self.panel.has_class("-conflict"):
            return True
        text = sanitize_text(text)
        self._settle_retry()
        expected = draft.expected
        if self.panel.draft is not None and self.panel.draft.paragraph_id == draft.paragraph_id:
            expected = self.panel.draft.expected  # a retry may have saved it meanwhile
        try:
            if overwrite:
                expected = self.project.paragraph(draft.paragraph_id).target
            outcome = save_translation(
                self.project, draft.paragraph_id, text, expected=expected, approve=approve
            )
        except ConflictError:
            self._conflict(draft.paragraph_id, text)
            return False
        except WorkbenchError as exc:
            self._save_failed(draft.paragraph_id, exc)
            return False
        self._saved(outcome)
        return True

    def _saved(self, outcome: SaveOutcome) -> None:
        paragraph_id = outcome.paragraph.id
        if self._failure is not None and self._failure.paragraph_id == paragraph_id:
            self._failure = None
        self.draft_saved(paragraph_id)
        self.mark_memory_changed()
        self.refresh_paragraphs([outcome.paragraph, *outcome.propagated])
        if outcome.propagated:
            self.notify(f"Also filled {counted(len(outcome.propagated), 'identical paragraph')}.")
        if outcome.kept:
            self.notify(
                f"Identical paragraphs that keep their own, different English: {len(outcome.kept)}."
            )

    def _conflict(self, paragraph_id: int, text: str) -> None:
        stored = self.project.paragraph(paragraph_id).target
        if self._failure is not None and self._failure.paragraph_id == paragraph_id:
            self._failure = None
        panel = self.panel
        if panel.draft is not None and panel.draft.paragraph_id == paragraph_id:
            panel.show_conflict(stored)
        self.park_drafts()
        self.notify(
            f"Row {self._row_number(paragraph_id)} was changed elsewhere since you opened it. "
            "Nothing was overwritten and your draft is still in the editor.",
            title="Not saved",
            severity="error",
        )

    def _save_failed(self, paragraph_id: int, exc: WorkbenchError) -> None:
        message = str(exc)
        repeated = self._failure == _Failure(paragraph_id, message)
        self._failure = _Failure(paragraph_id, message)
        self.park_drafts()
        self.set_timer(RETRY_INTERVAL, self._retry_failed_save)
        if not repeated:
            self.notify(
                f"Row {self._row_number(paragraph_id)} is not saved: {message}. Your text "
                f"stays in the editor and is kept as a draft; saving is tried again every "
                f"{RETRY_INTERVAL:g} s (ctrl+s tries now).",
                title="Not saved",
                severity="error",
                timeout=15,
            )

    # -- retries ---------------------------------------------------------------------------

    def _retry_failed_save(self) -> None:
        failure = self._failure
        if failure is None or self._retry is not None:
            return
        pending = self._unsaved_text(failure.paragraph_id)
        if pending is None:
            self._failure = None  # the text was thrown away or saved by other means
            return
        text, expected = pending
        text = sanitize_text(text)
        paragraph_id = failure.paragraph_id

        def save(project: Project) -> SaveOutcome:
            return save_translation(project, paragraph_id, text, expected=expected)

        future = self.workbench.write(save, lambda result: self._retried(retry, result))
        if future is None:
            return
        retry = _Retry(paragraph_id, text, future)
        self._retry = retry

    def _unsaved_text(self, paragraph_id: int) -> tuple[str, str | None] | None:
        """The text of a row waiting to be saved, and the English it began from."""
        panel = self.panel
        if panel.draft is not None and panel.draft.paragraph_id == paragraph_id:
            return panel.text, panel.draft.expected
        kept = self.kept.get(paragraph_id)
        return (kept.text, kept.expected) if kept is not None else None

    def _settle_retry(self) -> None:
        """A retry in flight finishes before the next save of the same text is made (both
        would otherwise expect the same stored English, and the second see a conflict)."""
        retry = self._retry
        if retry is not None:
            self._retried(retry, retry.future.result())

    def _retried(self, retry: _Retry, result: SaveOutcome | WorkbenchError) -> None:
        if self.closing_down:
            return
        if self._retry is not retry:
            return  # already handled (a save key waited for it)
        self._retry = None
        paragraph_id = retry.paragraph_id
        if isinstance(result, ConflictError):
            self._conflict(paragraph_id, retry.text)
            return
        if isinstance(result, WorkbenchError):
            if self._failure is not None and self._failure.paragraph_id == paragraph_id:
                self.set_timer(RETRY_INTERVAL, self._retry_failed_save)
            return
        panel = self.panel
        if panel.draft is not None and panel.draft.paragraph_id == paragraph_id:
            panel.saved(result.paragraph.target or "")
        failed = self._failure
        self._saved(result)
        reason = f" (before: {failed.message})" if failed is not None else ""
        self.notify(f"Saved row {self._row_number(paragraph_id)}{reason}.", title="Saved")

    # -- quitting --------------------------------------------------------------------------

    def quit_editor(self) -> None:
        """Save the open text, then quit, or ask first if some text is still unsaved."""
        self.remember_position()
        if self.workbench.read_only:
            self.app.exit()
            return
        draft = self.panel.draft
        if draft is not None and self.panel.changed:
            self.save_draft(draft, self.panel.text, explicit=False)
        unsaved = self.drafts_now()
        if not unsaved:
            self.park_drafts()
            self.app.exit()
            return
        rows = [
            UnsavedRow(
                self._row_number(d.paragraph_id),
                d.text,
                self._failure.message
                if self._failure is not None and self._failure.paragraph_id == d.paragraph_id
                else None,
            )
            for d in unsaved
        ]
        self.app.push_screen(QuitDialog(rows), self._quit_chosen)

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice is QuitChoice.SAVE:
            if self._save_all():
                self.park_drafts()
                self.app.exit()
        elif choice is QuitChoice.KEEP:
            self.park_drafts(then=self._kept_for_next_time)
        elif choice is QuitChoice.DISCARD:
            self.kept.clear()
            if self.panel.draft is not None:
                self.panel.close()
            self.park_drafts()
            self.app.exit()

    def _kept_for_next_time(self, result: WorkbenchError | None) -> None:
        if isinstance(result, WorkbenchError):
            self.notify(
                f"Your unsaved text could not be kept in the project: {result}. Nothing was "
                "lost: it is still here.",
                title="Not quitting",
                severity="error",
                timeout=15,
            )
            return
        self.app.exit()

    def _save_all(self) -> bool:
        """Save every unsaved text; False (and a notification per failure) if any is left."""
        panel = self.panel
        for kept in list(self.kept.values()):
            draft = Draft(kept.paragraph_id, "", kept.expected)
            self.save_draft(draft, kept.text, explicit=True)
        if panel.draft is not None and (panel.changed or panel.has_class("-conflict")):
            self.save_draft(panel.draft, panel.text, explicit=True)
        return not self.drafts_now()

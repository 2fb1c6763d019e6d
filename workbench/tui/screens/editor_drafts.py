"""Drafts that outlive the editor: a draft is parked in the project while the translator
types (a second after the last key), so a crash or a killed terminal loses at most that
second; quitting saves it, or parks it when the save is refused; the next start brings a
parked draft back into the editor."""

from __future__ import annotations

import json

from textual import on
from textual.timer import Timer
from textual.widgets import TextArea

from workbench.core.errors import WorkbenchError
from workbench.tui.screens.editor_actions import EditorActions
from workbench.tui.widgets.editor_panel import Draft, EditorPanel
from workbench.workflows.memory import save_translation

DRAFT_SETTING = "tui.unsaved_draft"
PARK_DELAY = 1.0  # seconds after the last keystroke


class EditorDrafts(EditorActions):
    """Parking, saving on quit and restoring of the editor's draft."""

    _park_timer: Timer | None = None
    _parked = False

    @property
    def panel(self) -> EditorPanel:
        raise NotImplementedError

    def _open_editor(self) -> None:
        raise NotImplementedError

    def remember_position(self) -> None:
        raise NotImplementedError

    @on(TextArea.Changed, "#editor-text")
    def _typed(self, event: TextArea.Changed) -> None:
        if self._park_timer is not None:
            self._park_timer.stop()
        self._park_timer = self.set_timer(PARK_DELAY, self.park_draft)

    def park_draft(self) -> None:
        """Keep the open draft in the project (or forget a parked one that is not needed)."""
        draft = self.panel.draft
        if draft is None or not self.panel.changed:
            self.forget_parked_draft()
            return
        self._park(draft, self.panel.text)

    def _park(self, draft: Draft, text: str) -> None:
        value = {"paragraph": draft.paragraph_id, "text": text, "expected": draft.expected}
        self.project.set_setting(DRAFT_SETTING, json.dumps(value, ensure_ascii=False))
        self._parked = True

    def forget_parked_draft(self) -> None:
        """The draft was saved or thrown away: nothing to bring back next time."""
        if self._park_timer is not None:
            self._park_timer.stop()
        if self._parked:
            self.project.set_setting(DRAFT_SETTING, "")
            self._parked = False

    def keep_draft_on_quit(self) -> None:
        """Save a changed draft before the app quits; park it if it cannot be saved."""
        self.remember_position()
        draft = self.panel.draft
        if draft is None or not self.panel.changed:
            self.forget_parked_draft()
            return
        text = self.panel.text
        try:
            save_translation(self.project, draft.paragraph_id, text, expected=draft.expected)
        except WorkbenchError:
            self._park(draft, text)
        else:
            self.forget_parked_draft()

    def restore_draft(self) -> None:
        """Bring back a draft parked by an earlier session, if it still means something."""
        raw = self.project.get_setting(DRAFT_SETTING)
        if not raw:
            return
        try:
            value = json.loads(raw)
            paragraph = self.project.paragraph(int(value["paragraph"]))
            text = str(value["text"])
        except (ValueError, KeyError, TypeError, WorkbenchError):
            self.project.set_setting(DRAFT_SETTING, "")
            return
        if paragraph.target == text:  # it was saved after all
            self.project.set_setting(DRAFT_SETTING, "")
            return
        self._parked = True
        if paragraph.document_id != self.document_id:
            self.load_document(paragraph.document_id, paragraph_id=paragraph.id)
        else:
            self.reload(paragraph_id=paragraph.id)
        self._open_editor()
        self.panel.text_area.load_text(text)
        expected = value.get("expected")
        self.panel.draft = Draft(paragraph.id, "", expected)
        if paragraph.target != expected:
            self.panel.show_conflict(paragraph.target)
            message = "A draft you could not save last time is back in the editor."
        else:
            message = "An unsaved draft from your last session is back in the editor."
        self.notify(message, title="Draft restored", severity="warning")

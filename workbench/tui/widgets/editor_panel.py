"""The editing panel: the row's Chinese (terms highlighted) above a multi-line English editor.

The panel only holds the draft; saving is the screen's job (it knows the project). It
remembers the English the draft started from (`expected`) so that a save can refuse to
overwrite a change made elsewhere, and after such a conflict it shows what is stored now and
keeps the draft until the translator decides. Esc never throws the text away: the screen
keeps it as the row's draft (`PutAside`); ctrl+r puts the stored English back in the box,
and the box's own undo (ctrl+z) brings the draft back.

What is typed or pasted goes through the workbench's text policy (see `text_fields`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from workbench.tui.rows import Row
from workbench.tui.widgets.live_checks import LiveChecks
from workbench.tui.widgets.text_fields import DraftArea
from workbench.tui.widgets.wrapping import wrap_content


class WrappedText(Static):
    """Text broken into lines as the grid breaks it: no line starts with a closing mark
    (，。」) or ends with an opening one, English between words."""

    DEFAULT_CSS = "WrappedText { text-wrap: nowrap; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._content = Content("")

    def show(self, content: Content) -> None:
        self._content = content
        self._wrap(self.scrollable_content_region.width)

    def on_resize(self) -> None:
        self._wrap(self.scrollable_content_region.width)

    def _wrap(self, width: int) -> None:
        if width <= 0:
            self.update(self._content)
            return
        self.update(wrap_content(self._content, width))


@dataclass(frozen=True)
class Draft:
    """What the editor is working on."""

    paragraph_id: int
    initial: str  # the stored text the editor starts from (the English, or the MT)
    expected: str | None  # the translator's English stored when editing began


class EditorPanel(Vertical):
    """Edits one row's English; posts `SaveRequested` and `PutAside`."""

    DEFAULT_CSS = """
    EditorPanel {
        height: auto;
        max-height: 50%;
        background: $panel;
        border-top: tall $primary;
        padding: 0 1;
    }
    EditorPanel #editor-title { color: $text-muted; width: 1fr; }
    EditorPanel #editor-source-pane { height: auto; max-height: 4; scrollbar-size-vertical: 1; }
    EditorPanel #editor-source { color: $foreground; }
    EditorPanel.-tall #editor-source-pane { max-height: 8; }
    EditorPanel #editor-gloss {
        display: none; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis;
    }
    EditorPanel #editor-text { height: 6; border: none; padding: 0; }
    EditorPanel #editor-conflict {
        display: none; color: $text-error; background: $error-muted; padding: 0 1;
    }
    EditorPanel.-conflict #editor-conflict { display: block; max-height: 4; }
    /* A conflict on a small terminal: the banner takes room from the Chinese and the box
       (both scroll), so that it is never cut off under the panel's limit. */
    EditorPanel.-conflict #editor-source-pane { max-height: 2; }
    EditorPanel.-conflict #editor-text { height: 4; }
    """

    KEYS_TITLE = "Edit box"  # heading of its keys on the help screen
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("tab", "save_and_move(1)", "Save, next row", id="editor.save_next"),
        Binding("shift+tab", "save_and_move(-1)", "Save, previous", id="editor.save_previous"),
        Binding(
            "escape",
            "put_aside",
            "Close",
            id="editor.cancel",
            tooltip="Close the editor; what you typed stays as the row's draft",
        ),
        Binding(
            "ctrl+r",
            "revert",
            "Stored text",
            show=False,
            id="editor.revert",
            tooltip="Put the stored English back in the box (ctrl+z brings your text back)",
        ),
        Binding(
            "ctrl+down",
            "scroll_source(1)",
            "Chinese: scroll down",
            show=False,
            id="editor.source_down",
            tooltip="Scroll the Chinese above the box (the box keeps the cursor)",
        ),
        Binding(
            "ctrl+up",
            "scroll_source(-1)",
            "Chinese: scroll up",
            show=False,
            id="editor.source_up",
        ),
        Binding(
            "ctrl+n",
            "add_word",
            "Add word",
            show=False,
            id="editor.add_word",
            tooltip="Add the word at the cursor to the project's word list (not misspelled)",
        ),
        Binding(
            "ctrl+o",
            "overwrite",
            "Keep my draft",
            id="editor.overwrite",
            tooltip="After a conflict: save the draft over the text stored now",
        ),
    ]

    class SaveRequested(Message):
        """Save the draft, then move `move` rows (0: stay and close the editor)."""

        def __init__(self, draft: Draft, text: str, move: int, overwrite: bool) -> None:
            super().__init__()
            self.draft = draft
            self.text = text
            self.move = move
            self.overwrite = overwrite

    class PutAside(Message):
        """Esc: close the editor; the screen keeps changed text as the row's draft."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft: Draft | None = None
        self.conflict_text: str | None = None
        self._title = ""
        self._match_keys = ""  # alt+1… and alt+m with their scores (EditorLoop), after the title

    def compose(self) -> ComposeResult:
        yield Label("", id="editor-title")
        with VerticalScroll(id="editor-source-pane", can_focus=False):
            yield WrappedText(id="editor-source")
        yield Static("", id="editor-gloss")
        yield LiveChecks(id="editor-checks")
        yield DraftArea(id="editor-text", soft_wrap=True, show_line_numbers=False)
        yield Label("", id="editor-conflict")

    def on_mount(self) -> None:
        pane = self.query_one("#editor-source-pane", VerticalScroll)
        self.watch(pane, "virtual_size", self._show_source_position, init=False)
        self.watch(pane, "scroll_y", self._show_source_position, init=False)

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#editor-text", TextArea)

    @property
    def text(self) -> str:
        return self.text_area.text

    @property
    def changed(self) -> bool:
        """True when the translator typed something since the row was opened."""
        return self.draft is not None and self.text != self.draft.initial

    def open(
        self,
        row: Row,
        source: Content,
        *,
        text: str | None = None,
        expected: str | object | None = ...,
    ) -> None:
        """Edit the row: its stored English (or MT), or `text`, a draft begun when the
        row's English was `expected`. The text box takes the focus at once, so that the
        next key already goes there."""
        paragraph = row.paragraph
        initial = paragraph.target if paragraph.target is not None else (paragraph.mt or "")
        began = paragraph.target if expected is ... else expected
        assert began is None or isinstance(began, str)
        self.draft = Draft(paragraph.id, initial, began)
        self.conflict_text = None
        self.remove_class("-conflict")
        if text is not None and text != initial:
            origin = "your draft, not saved yet · ctrl+r: the stored text"
        elif paragraph.target is not None:
            origin = "editing the English"
        elif paragraph.mt:
            origin = "starting from the machine translation"
        else:
            origin = "new translation"
        self._title = f"Row {row.number} · {origin}"
        self._match_keys = ""
        self.query_one("#editor-title", Label).update(self._title)
        self.show_source(source)
        self.query_one("#editor-source-pane", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self._show_source_position)  # same size: no watcher call
        area = self.text_area
        area.load_text(initial if text is None else text)
        area.move_cursor(area.document.end)
        self.screen.set_focus(area)

    def show_source(self, source: Content) -> None:
        """Show the Chinese again (e.g. with the word at the word cursor marked)."""
        self.query_one("#editor-source", WrappedText).show(source)

    def action_scroll_source(self, direction: int) -> None:
        """Scroll the Chinese by its height less a line (a line of context stays)."""
        pane = self.query_one("#editor-source-pane", VerticalScroll)
        step = max(1, pane.scrollable_content_region.height - 1)
        pane.scroll_to(y=pane.scroll_y + direction * step, animate=False, immediate=True)

    def show_match_keys(self, keys: str) -> None:
        """Name the match keys on the title line (empty: none), after the row."""
        self._match_keys = keys
        self._show_source_position()

    def _show_source_position(self) -> None:
        """The title: the row, the match keys, and, when the Chinese is longer than its
        pane, which lines show."""
        try:
            pane = self.query_one("#editor-source-pane", VerticalScroll)
            title = self.query_one("#editor-title", Label)
        except NoMatches:  # the app is closing: its children are being removed
            return
        heading = " · ".join(part for part in (self._title, self._match_keys) if part)
        total = pane.virtual_size.height
        shown = pane.scrollable_content_region.height
        if self.draft is None or shown <= 0 or total <= shown:
            title.update(heading)
            return
        first = round(pane.scroll_y) + 1
        last = min(total, first + shown - 1)
        title.update(
            Content.assemble(
                heading,
                (f" · Chinese lines {first}–{last} of {total}, ^↑ ^↓ scroll", "$text-accent"),
            )
        )

    def show_word(self, gloss: Content | None) -> None:
        """One line about the word at the word cursor under the Chinese; None hides it."""
        line = self.query_one("#editor-gloss", Static)
        line.update(gloss or "")
        line.display = gloss is not None

    def close(self) -> None:
        self.draft = None
        self.conflict_text = None
        self.remove_class("-conflict")
        self.refresh_bindings()

    def saved(self, text: str) -> None:
        """The draft's text was saved (by a retry) while the editor stayed open: what is
        typed from now on is the change."""
        if self.draft is not None:
            self.draft = Draft(self.draft.paragraph_id, text, text)

    def show_conflict(self, stored: str | None) -> None:
        """The row changed elsewhere: show what is stored, keep the draft."""
        self.conflict_text = stored
        shown = stored if stored else "(no English)"
        self.query_one("#editor-conflict", Label).update(
            f"Changed elsewhere since you opened it. Stored now: “{shown}”. "
            "ctrl+o saves your draft over it · ctrl+r takes the stored text · "
            "esc keeps your draft for later"
        )
        self.add_class("-conflict")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "overwrite":
            return self.has_class("-conflict")
        return True

    def action_save(self) -> None:
        self._request(0, overwrite=False)

    def action_save_and_move(self, move: int) -> None:
        self._request(move, overwrite=False)

    def action_overwrite(self) -> None:
        if self.has_class("-conflict"):
            self._request(0, overwrite=True)

    def action_add_word(self) -> None:
        area = self.text_area
        if isinstance(area, DraftArea):
            area.spelling.add_word()

    def action_put_aside(self) -> None:
        self.post_message(self.PutAside())

    def action_revert(self) -> None:
        """The stored English back in the box, as one edit that ctrl+z undoes."""
        if self.draft is None:
            return
        stored = self.conflict_text if self.has_class("-conflict") else self.draft.initial
        area = self.text_area
        area.replace(stored or "", area.document.start, area.document.end)
        if self.has_class("-conflict"):
            self.draft = Draft(self.draft.paragraph_id, stored or "", stored)
            self.conflict_text = None
            self.remove_class("-conflict")
            self.refresh_bindings()

    def _request(self, move: int, *, overwrite: bool) -> None:
        if self.draft is not None:
            self.post_message(self.SaveRequested(self.draft, self.text, move, overwrite))

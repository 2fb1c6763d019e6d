"""Text fields that keep what the workbench's text policy keeps.

What is typed or pasted goes through `sanitize`: control characters and noncharacters are
removed, with a notice; joiners, variation selectors and bidi marks are text and are kept.
Textual's own fields drop every character Python calls unprintable when it is typed (a
paste the terminal does not bracket arrives as keys), which split 👨‍👩‍👧 into three faces,
and insert a bracketed paste as it is, escape characters included.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

from workbench.core.phrasing import counted
from workbench.core.text_policy import is_unwritable, sanitize
from workbench.tui.spelling import SpellingMarks

# Invisible characters that are text (format characters: ZWJ, ZWNJ, bidi marks and
# isolates, emoji tag characters).
_TEXT_FORMAT_CATEGORY = "Cf"


def kept_invisible(event: events.Key) -> str | None:
    """The character of a key that Textual would drop although it is text, else None."""
    char = event.character
    if (
        char is not None
        and len(char) == 1
        and not char.isprintable()
        and not is_unwritable(char)
        and unicodedata.category(char) == _TEXT_FORMAT_CATEGORY
    ):
        return char
    return None


def pasted_text(widget: Widget, text: str) -> str:
    """The pasted text without what no file may carry; says so when something went."""
    cleaned = sanitize(text)
    if cleaned.removed:
        widget.notify(
            f"Removed {counted(cleaned.removed, 'character')} from the pasted text: "
            "control characters and terminal escape codes cannot be saved in a "
            "translation file.",
            title="Pasted text",
            severity="warning",
        )
    return cleaned.text


class DraftArea(TextArea):
    """The English text box of the row editor."""

    KEYS_TITLE = "Typing in the edit box"  # heading of its keys on the help screen

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.spelling = SpellingMarks(self)  # before TextArea's set-up, which highlights
        super().__init__(*args, **kwargs)

    def on_mount(self) -> None:
        self.spelling.start()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.spelling.changed()

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        self.spelling.add_highlights()

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls the handler of each class in turn until one prevents the default:
        # what is not ours is left to TextArea's own.
        char = None if self.read_only else kept_invisible(event)
        if char is None:
            return
        event.stop()
        event.prevent_default()
        self.insert(char)

    async def _on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            return
        event.prevent_default()
        event.stop()
        text = pasted_text(self, event.text)
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)


class TextInput(Input):
    """A one-line field of a dialog (a term, a search, a path)."""

    async def _on_key(self, event: events.Key) -> None:
        char = kept_invisible(event)
        if char is None:
            return  # Input's own handler comes next
        event.stop()
        event.prevent_default()
        self.insert_text_at_cursor(char)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if not event.text:
            return
        line = pasted_text(self, event.text.splitlines()[0])
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *selection)

"""List dialogs of the editor: switch document, restore a dropped block, confirm."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from workbench.core.enumeration import ORDER_WARNING_PREFIX
from workbench.core.segments import Document, Paragraph, Status

MUTED = "$foreground-muted"


class _PickerDialog(ModalScreen[int | None]):
    """A title and a list; Enter picks the highlighted item (its id), Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="picker.close"),
    ]

    def __init__(self, title: str, options: Sequence[Option], hint: str) -> None:
        super().__init__()
        self._title = title
        self._options = list(options)
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog list-dialog"):
            yield Label(self._title, classes="dialog-title")
            yield OptionList(*self._options, id="picker-list")
            yield Label(self._hint, classes="dialog-hint")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))


class DocumentPicker(_PickerDialog):
    """The project's documents with their progress; returns the chosen document id."""

    def __init__(
        self, documents: Sequence[tuple[Document, dict[Status, int]]], current: int | None
    ) -> None:
        options = []
        for document, counts in documents:
            total = sum(counts.values())
            done = counts[Status.EDITED] + counts[Status.APPROVED]
            mark = "▸ " if document.id == current else "  "
            prompt = Content.assemble(
                mark,
                (document.name, "bold"),
                (f"  {document.title or ''}", MUTED),
                (f"  {done}/{total} translated, {counts[Status.APPROVED]} approved", MUTED),
                (_order_mark(document), "$warning"),
            )
            options.append(Option(prompt, id=str(document.id)))
        super().__init__("Open document", options, "enter open · esc close")


def _order_mark(document: Document) -> str:
    """`  ⚠ order` when the document's enumeration (一是/二是 …) is out of order."""
    out_of_order = [w for w in document.warnings if w.startswith(ORDER_WARNING_PREFIX)]
    return f"  ⚠ order ({len(out_of_order)})" if out_of_order else ""


class DroppedBlocksPicker(_PickerDialog):
    """Blocks the cleaner left out of the document; returns the one to restore."""

    def __init__(self, blocks: Sequence[Paragraph]) -> None:
        options = [
            Option(
                Content.assemble(
                    (f"line {block.line_no:>3} · {block.drop_reason or block.drop_rule}  ", MUTED),
                    _shorten(block.source, 70),
                ),
                id=str(block.id),
            )
            for block in blocks
        ]
        super().__init__(
            f"Dropped blocks ({len(blocks)})", options, "enter restore the block · esc close"
        )


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; y or Enter on Yes confirms, n or Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog"):
            yield Label(self._question, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="confirm-yes", variant="error")
                yield Button("No (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


def _shorten(text: str, width: int) -> str:
    """One line of at most `width` cells (a Chinese character takes two)."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"

"""Choose which rows the editor shows: all, problems only, by status, errors, warnings,
marked for review, untranslated, or rows whose Chinese or English holds a text."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.tui.filters import LABELS, NEEDS_TEXT, FilterKind, RowFilter
from workbench.tui.widgets.text_fields import TextInput


class FilterDialog(ModalScreen[RowFilter | None]):
    """A text line (for the Chinese/English filters) and the list of filters."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="filter.close"),
    ]

    def __init__(self, current: RowFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog list-dialog filter-dialog"):
            yield Label("Show rows", classes="dialog-title")
            yield TextInput(
                self.current.text,
                placeholder="text for the last two filters (tab to the list)",
                id="filter-text",
                classes="compact-input",
            )
            yield Label("", id="filter-error", classes="dialog-error")
            options = [Option(LABELS[kind], id=kind.value) for kind in FilterKind]
            yield OptionList(*options, id="filter-list")
            yield Label("enter show these rows · esc close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#filter-error", Label).display = False  # a line only when needed
        listing = self.query_one("#filter-list", OptionList)
        listing.highlighted = list(FilterKind).index(self.current.kind)
        listing.focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _text_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # Enter in the text line: the English filter, or the Chinese one if the text is Chinese.
        text = event.value.strip()
        if not text:
            self.query_one("#filter-list", OptionList).focus()
            return
        chinese = any("\u4e00" <= char <= "\u9fff" for char in text)
        self.dismiss(RowFilter(FilterKind.SOURCE if chinese else FilterKind.TARGET, text))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        kind = FilterKind(event.option.id or FilterKind.ALL)
        text = self.query_one("#filter-text", Input).value.strip()
        if kind in NEEDS_TEXT and not text:
            error = self.query_one("#filter-error", Label)
            error.update("Type the text to look for first.")
            error.display = True
            self.query_one("#filter-text", Input).focus()
            return
        self.dismiss(RowFilter(kind, text if kind in NEEDS_TEXT else ""))

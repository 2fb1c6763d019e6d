"""The editor's keys: one `Binding` per action, with a description (footer and command
palette) and an id (users can remap it with a Textual keymap). Grid movement keys live on
the grid (`SegmentTable.BINDINGS`), the editing keys on `EditorPanel.BINDINGS`."""

from __future__ import annotations

from textual.binding import Binding, BindingType

EDITOR_BINDINGS: list[BindingType] = [
    Binding(
        "m",
        "accept_mt",
        "Accept MT",
        id="editor.accept_mt",
        tooltip="Use the machine translation as the English",
    ),
    Binding(
        "a",
        "toggle_approved",
        "Approve",
        id="editor.approve",
        tooltip="Approve the row (or take the approval back)",
    ),
    Binding(
        "u",
        "next_untranslated",
        "Untranslated",
        id="editor.next_untranslated",
        tooltip="Next row without the translator's English",
    ),
    Binding(
        "f",
        "next_flagged",
        "Next flag",
        id="editor.next_flagged",
        tooltip="Next row with a glossary violation, a quality error or a mark for review",
    ),
    Binding("slash", "search", "Search", id="editor.search", key_display="/"),
    Binding("ctrl+t", "glossary", "Glossary", id="editor.glossary", tooltip="Review the glossary"),
    Binding("ctrl+e", "export", "Export", id="editor.export"),
    Binding(
        "ctrl+l",
        "look_up",
        "Look up",
        id="editor.look_up",
        tooltip="Look a word up in the glossary and CC-CEDICT (the word at the word cursor)",
    ),
    Binding(
        "ctrl+f",
        "concordance",
        "Concordance",
        id="editor.concordance",
        tooltip="Find Chinese or English across the project's rows and translation memories",
    ),
    Binding("r", "toggle_review", "Mark for review", show=False, id="editor.review"),
    # Filters and find & replace (workbench/tui/screens/editor_find.py).
    Binding(
        "v",
        "filter_rows",
        "Filter rows",
        show=False,
        id="editor.filter",
        tooltip="Show only some rows: problems, a status, untranslated, a text",
    ),
    Binding("V", "clear_filter", "Show all rows", show=False, id="editor.clear_filter"),
    Binding(
        "R",
        "find_replace",
        "Find & replace",
        show=False,
        id="editor.find_replace",
        tooltip="Find in the English or the Chinese; replace one or all (one undo step)",
    ),
    Binding("ctrl+z", "undo", "Undo", show=False, id="editor.undo"),
    Binding("ctrl+y", "redo", "Redo", show=False, id="editor.redo"),
    Binding(
        "U",
        "previous_untranslated",
        "Previous untranslated",
        show=False,
        id="editor.previous_untranslated",
    ),
    Binding("F", "previous_flagged", "Previous flag", show=False, id="editor.previous_flagged"),
    Binding("n", "search_next(1)", "Next match", show=False, id="editor.search_next"),
    Binding("N", "search_next(-1)", "Previous match", show=False, id="editor.search_previous"),
    Binding("g", "go_to_row", "Go to row", show=False, id="editor.go_to_row"),
    Binding("alt+up", "move_paragraph(-1)", "Move paragraph up", show=False, id="editor.move_up"),
    Binding(
        "alt+down",
        "move_paragraph(1)",
        "Move paragraph down",
        show=False,
        id="editor.move_down",
    ),
    Binding(
        "d",
        "dropped_blocks",
        "Dropped blocks",
        show=False,
        id="editor.dropped",
        tooltip="Show the blocks the cleaner left out and restore one",
    ),
    Binding(
        "o",
        "switch_document",
        "Open document",
        show=False,
        id="editor.documents",
        tooltip="Switch to another document of the project",
    ),
    Binding(
        "t",
        "translate_row",
        "Translate row",
        show=False,
        id="editor.translate_row",
        tooltip="Machine-translate this row",
    ),
    Binding(
        "T",
        "translate_document",
        "Translate document",
        show=False,
        id="editor.translate_document",
        tooltip="Machine-translate every row",
    ),
    Binding(
        "i",
        "toggle_inspector",
        "Inspector",
        show=False,
        id="editor.inspector",
        tooltip="Show or hide the row details",
    ),
    Binding(
        "w",
        "show_dictionary",
        "Dictionary",
        show=False,
        id="editor.dictionary",
        tooltip="The row's words in the glossary and CC-CEDICT (again: the tab shown before)",
    ),
    Binding(
        "alt+right",
        "next_word(1)",
        "Next word",
        show=False,
        id="editor.next_word",
        tooltip="Move the word cursor to the next word of the Chinese (Dictionary tab)",
    ),
    Binding(
        "alt+left",
        "next_word(-1)",
        "Previous word",
        show=False,
        id="editor.previous_word",
        tooltip="Move the word cursor to the previous word of the Chinese",
    ),
    Binding(
        "escape",
        "clear",
        "Clear search",
        show=False,
        id="editor.clear",
        tooltip="Clear the search highlight, or stop machine translation",
    ),
]

# Actions of the grid that make no sense while a draft is open in the editor.
GRID_ACTIONS = frozenset(
    {
        "accept_mt",
        "toggle_approved",
        "toggle_review",
        "undo",
        "redo",
        "next_untranslated",
        "previous_untranslated",
        "next_flagged",
        "previous_flagged",
        "search",
        "search_next",
        "go_to_row",
        "move_paragraph",
        "dropped_blocks",
        "switch_document",
        "translate_row",
        "translate_document",
        "clear",
        "glossary",
        "export",
        "show_dictionary",
        "filter_rows",
        "clear_filter",
        "find_replace",
    }
)

# Keys the key bar keeps longest on a narrow terminal (the others give way first).
FOOTER_KEPT = frozenset(
    {
        "activate",
        "save",
        "save_and_move",
        "put_aside",
        "overwrite",
        "search",
        "glossary",
        "export",
        "look_up",
        "concordance",
        "clear",
    }
)

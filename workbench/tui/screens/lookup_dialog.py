"""Look a word up in the glossary and CC-CEDICT: type it (simplified or traditional), pick
one of the headwords that begin with what is typed, and read its pinyin and senses. Enter on
a sense (or ctrl+g) adds the word to the glossary as a candidate with that sense as its
English, through the term form.

Completions and look-ups run in a worker thread; they are quick once the dictionary is open,
and while it opens (or builds its index, the first time) the dialog says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key, Resize
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from workbench.core.concordance import has_chinese
from workbench.core.dictionary import DictEntry, Script, WordInfo, display_sense, numbered_senses
from workbench.core.errors import WorkbenchError
from workbench.core.glossary import Term
from workbench.tui.dictionary import DictionaryStatus, Phase, propose_term
from workbench.tui.typed_fields import TypedFields
from workbench.tui.widgets.text_fields import TextInput
from workbench.tui.widgets.words import (
    MUTED,
    PINYIN,
    entry_line,
    headword,
    label_width,
    term_mark,
    word_line,
)
from workbench.workflows.lookup import CEDICT_NAME, LookupService, term_from_sense

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

COMPLETIONS = 30
HINT = "enter look up · ↓ list · enter on a sense: add to glossary · esc close"


class LookupDialog(ModalScreen[None]):
    """Type a word; see the headwords starting with it, then the word itself."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="lookup.close"),
        Binding(
            "ctrl+g",
            "add_to_glossary",
            "Add to glossary",
            id="lookup.add",
            tooltip="Add the word with the highlighted sense as a candidate glossary term",
        ),
        Binding("down", "to_list", "To the list", show=False, id="lookup.list"),
    ]

    def __init__(self, word: str = "") -> None:
        """`word` is looked up at once when given."""
        super().__init__()
        self._typed = TypedFields(self)
        self._word = word
        self._results: list[WordInfo] = []
        self._query = ""  # the text the results are for
        # A value the dialog put in the input itself: its Changed event is no edit.
        self._ignore_change: str | None = word

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog list-dialog", id="lookup-dialog"):
            yield Label("Look up a word · glossary and CC-CEDICT", classes="dialog-title")
            yield TextInput(
                self._word,
                placeholder="Chinese, simplified or traditional (e.g. 数字鸿沟, 國際)",
                id="lookup-input",
                select_on_focus=False,  # typing in the list goes on with the word
            )
            yield Label("", id="lookup-status", classes="dialog-hint")
            yield OptionList(id="lookup-results")
            yield Label(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.workbench.dictionary.changed.subscribe(self, self._dictionary_changed)
        self.workbench.dictionary.retry()  # opening the dialog asks for the dictionary again
        self.query_one(Input).focus()
        if self._word:
            self._look_up(self._word)
        self._typed.restore()

    @property
    def _list(self) -> OptionList:
        return self.query_one("#lookup-results", OptionList)

    def _status(self, text: str | Content) -> None:
        self.query_one("#lookup-status", Label).update(text)

    def _service(self) -> LookupService | None:
        loader = self.workbench.dictionary
        service = loader.service()
        if service is None:
            self._show_dictionary_status(loader.status)
        return service

    def _show_dictionary_status(self, status: DictionaryStatus) -> None:
        style = "$text-error" if status.phase is Phase.FAILED else f"{MUTED} italic"
        self._status(Content.assemble((status.message, style)))

    def _dictionary_changed(self, status: DictionaryStatus) -> None:
        if status.phase is not Phase.READY:
            self._show_dictionary_status(status)
            return
        self._status("")
        value = self.query_one(Input).value.strip()
        if self._query and self._query == value:
            self._look_up(value)
        elif value:
            self._complete(value)

    # -- typing: completions ---------------------------------------------------------------

    @on(Input.Changed, "#lookup-input")
    def _changed(self, event: Input.Changed) -> None:
        value = event.value.strip()
        if event.value == self._ignore_change:
            return
        self._ignore_change = None
        self._query = ""
        if not value:
            self._list.clear_options()
            self._status("")
            return
        self._complete(value)

    def on_resize(self, event: Resize) -> None:
        value = self.query_one(Input).value.strip()
        if value and not self._query:  # completions are cut to the width: cut them again
            self.call_after_refresh(self._complete, value)

    def _complete(self, prefix: str) -> None:
        service = self._service()
        if service is not None:
            self._find_completions(service, prefix)

    @work(thread=True, exclusive=True, group="lookup")
    def _find_completions(self, service: LookupService, prefix: str) -> None:
        entries = service.index.completions(prefix, limit=COMPLETIONS)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._completions_ready, prefix, entries)

    def _completions_ready(self, prefix: str, entries: list[DictEntry]) -> None:
        if self.query_one(Input).value.strip() != prefix or self._query:
            return
        readings: dict[str, list[DictEntry]] = {}
        for entry in entries:
            readings.setdefault(entry.simplified, []).append(entry)
        pad = label_width((headword(group[0]) for group in readings.values()), cap=20)
        # Leave room for the scroll bar even before it shows: it comes with the options.
        results = self._list
        scrollbar = 0 if results.show_vertical_scrollbar else results.styles.scrollbar_size_vertical
        width = max(20, results.scrollable_content_region.width - scrollbar - 1)
        options = [
            Option(entry_line(group, pad=pad).truncate(width, ellipsis=True), id=f"word:{word}")
            for word, group in readings.items()
        ]
        self._list.set_options(options)
        if options:
            self._status(f"Words beginning with {prefix} · enter looks up what you typed")
        elif not has_chinese(prefix):
            self._status(
                "Type Chinese characters (simplified or traditional). For English, the "
                "concordance (ctrl+f) finds it in the project and its memories."
            )
        else:
            self._status(f"No dictionary word begins with {prefix}; enter looks it up anyway")

    # -- looking up ------------------------------------------------------------------------

    @on(Input.Submitted, "#lookup-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._look_up(event.value.strip())

    def _look_up(self, word: str) -> None:
        self._query = word
        service = self._service()
        if service is not None:
            self._find_word(service, word)

    @work(thread=True, exclusive=True, group="lookup")
    def _find_word(self, service: LookupService, word: str) -> None:
        words = [w for w in service.lookup(word) if w.is_word]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._word_ready, word, words)

    def _word_ready(self, word: str, words: list[WordInfo]) -> None:
        if word != self._query:
            return
        self._results = words
        options = result_options(words)
        self._list.set_options(options)
        if not words:
            self._status(f"{word}: not in the glossary or the dictionary")
            return
        found = "one word" if len(words) == 1 else f"{len(words)} words"
        self._status(f"{word}: {found} · enter on a sense adds it to the glossary")
        first = next((i for i, o in enumerate(self._list.options) if not o.disabled), None)
        if first is not None:
            self._list.highlighted = first
            self._list.focus()

    def on_key(self, event: Key) -> None:
        """Typing while the list has the focus (after a look-up) goes to the word: the
        input takes the focus and the character, as it would had it kept the focus."""
        field = self.query_one("#lookup-input", Input)
        if self.focused is not self._list:
            return
        if event.is_printable and event.character:
            field.focus()
            field.cursor_position = len(field.value)
            field.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            field.focus()
            field.cursor_position = len(field.value)
            field.action_delete_left()
        else:
            return
        event.stop()
        event.prevent_default()

    # -- choosing --------------------------------------------------------------------------

    def action_to_list(self) -> None:
        if self._list.option_count:
            self._list.focus()

    @on(OptionList.OptionSelected, "#lookup-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("word:"):
            word = option_id.removeprefix("word:")
            self._ignore_change = word
            self.query_one(Input).value = word
            self._look_up(word)
        elif option_id.startswith("sense:"):
            self._add(option_id)

    def action_add_to_glossary(self) -> None:
        highlighted = self._list.highlighted
        if highlighted is None or self.focused is not self._list:
            self.notify("Pick a sense in the list first (↓, then enter).", severity="warning")
            return
        option_id = self._list.get_option_at_index(highlighted).id or ""
        if option_id.startswith("sense:"):
            self._add(option_id)
        else:
            self.notify("Pick a sense of the word (enter looks the word up).", severity="warning")

    def _add(self, option_id: str) -> None:
        _, index, number = option_id.split(":")
        word = self._results[int(index)]
        try:
            term = term_from_sense(word, int(number))
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        propose_term(
            self.workbench,
            source=term.source,
            target=term.target,
            note=term.note,
            on_added=self._added,
        )

    def _added(self, term: Term) -> None:
        self._look_up(self._query)  # show the word with its glossary entry now

    def action_close(self) -> None:
        self._typed.keep()
        self.dismiss(None)


def result_options(words: list[WordInfo]) -> list[Option | None]:
    """The looked-up words: glossary entry first, then each reading with its senses; the
    senses can be picked (ids `sense:<word>:<number>`, numbered as `term_from_sense` counts)."""
    options: list[Option | None] = []
    for index, word in enumerate(words):
        if index:
            options.append(None)  # a separator line
        if word.term is not None:
            term = word.term
            options.append(
                Option(
                    Content.assemble((word.text, "bold"), "  glossary ", *term_mark(term)),
                    disabled=True,
                )
            )
            if term.variants:
                options.append(_note(f"  also: {' | '.join(term.variants)}"))
            if term.forbidden:
                options.append(_note(f"  never: {' | '.join(term.forbidden)}"))
        current: DictEntry | None = None
        for number, entry, sense in numbered_senses(word.entries):
            if entry is not current:
                current = entry
                options.append(
                    Option(
                        Content.assemble(
                            (headword(entry), "bold"),
                            "  ",
                            (entry.pinyin_marks, PINYIN),
                            (f"  {CEDICT_NAME}", MUTED),
                        ),
                        disabled=True,
                    )
                )
            shown = display_sense(sense, Script.SIMPLIFIED)
            options.append(Option(f" {number:>2}. {shown}", id=f"sense:{index}:{number}"))
        if word.parts:
            pad = label_width(p.text for p in word.parts)
            for part in word.parts:  # enter looks the part up on its own
                line = Content.assemble("  ", word_line(part, pad=pad, plain=True))
                options.append(Option(line, id=f"word:{part.text}", disabled=not part.entries))
        if not word.found:
            options.append(_note(f"{word.text}: not in the glossary or the dictionary"))
    return options


def _note(text: str) -> Option:
    return Option(Content.styled(text, MUTED), disabled=True)

"""Sentence mode: a paragraph's Chinese sentences one by one, each with its machine
translation and its own English box, and the dialog that splits a sentence.

The screen holds no text of its own: every change of a box is handed at once to the
editor's edit box as the sentences' English joined (`on_text`), so the editor's drafts,
saving and quitting see it as they see typing in the box. Splitting and joining go
through the callbacks too (they write to the project, one undo step each).

A paragraph whose English splits into as many sentences as its Chinese shows one English
sentence per box; otherwise (a paragraph translated as a whole) all of its English is in
the first box and the others start empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from workbench.core.joining import join_sentences
from workbench.core.segments import Sentence
from workbench.core.sentences import split_sentences
from workbench.tui.widgets.text_fields import TextInput

# What the editor does for the screen: each returns the paragraph's sentences after the
# change, or None when it could not be made (the editor has said why).
JoinSentence = Callable[[int], list[Sentence] | None]
SplitSentence = Callable[[int, int], list[Sentence] | None]


def english_boxes(english: str, count: int) -> tuple[list[str], bool]:
    """The English of each sentence box, and whether the paragraph's English is shown
    whole (it does not split into `count` sentences)."""
    if count <= 0:
        return [], False
    parts = split_sentences(english) if english.strip() else []
    if not parts:
        return [""] * count, False
    if len(parts) == count:
        return parts, False
    return [english.strip(), *[""] * (count - 1)], True


class SentenceScreen(ModalScreen[str | None]):
    """Works by sentence inside one paragraph; dismissed with "save" (ctrl+s) or None."""

    KEYS_TITLE = "Sentence mode"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+down,tab",
            "move(1)",
            "Next sentence",
            priority=True,
            id="sentences.next",
        ),
        Binding(
            "ctrl+up,shift+tab",
            "move(-1)",
            "Previous sentence",
            priority=True,
            id="sentences.previous",
        ),
        Binding(
            "alt+j",
            "join",
            "Join with next",
            priority=True,
            id="sentences.join",
            tooltip="Make this Chinese sentence and the next one sentence (one undo step)",
        ),
        Binding(
            "alt+k",
            "split",
            "Split sentence",
            priority=True,
            id="sentences.split",
            tooltip="Cut this Chinese sentence in two where you choose (one undo step)",
        ),
        Binding("ctrl+s", "save", "Save", priority=True, id="sentences.save"),
        Binding(
            "alt+s,escape",
            "back",
            "Paragraph mode",
            priority=True,
            id="sentences.back",
            tooltip="Back to the paragraph's edit box, with the sentences' English joined",
        ),
    ]

    def __init__(
        self,
        row_number: int,
        sentences: Sequence[Sentence],
        english: str,
        *,
        on_text: Callable[[str], None],
        join: JoinSentence,
        split: SplitSentence,
        boxes: Sequence[str] | None = None,
    ) -> None:
        """`boxes`: the English of each sentence as last left in this screen, used when
        they still make `english` (so that coming back finds them as they were)."""
        super().__init__()
        self.row_number = row_number
        self.sentences = list(sentences)
        if boxes is not None and len(boxes) == len(self.sentences):
            if join_sentences(boxes) == english.strip():
                self.boxes, self.whole = list(boxes), False
            else:
                self.boxes, self.whole = english_boxes(english, len(self.sentences))
        else:
            self.boxes, self.whole = english_boxes(english, len(self.sentences))
        self._english = english
        self.current = 0
        self._on_text = on_text
        self._join = join
        self._split = split

    @property
    def text(self) -> str:
        """The paragraph's English as the boxes make it."""
        return join_sentences(self.boxes)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog sentence-dialog"):
            yield Label(self._title(), id="sentence-title", classes="dialog-title")
            yield Label("", id="sentence-whole", classes="dialog-hint")
            yield VerticalScroll(id="sentence-list")
            yield Label(
                "tab / ^↓ next · shift+tab / ^↑ previous · alt+j join with next · "
                "alt+k split · ^s save · alt+s / esc back to the paragraph",
                classes="dialog-hint",
            )

    async def on_mount(self) -> None:
        await self._show()

    def _title(self) -> str:
        count = len(self.sentences)
        return (
            f"Row {self.row_number} by sentence · sentence {self.current + 1} of {count}"
            if count
            else f"Row {self.row_number} has no sentences"
        )

    async def _show(self) -> None:
        """(Re)build the sentence blocks and focus the current sentence's box."""
        listing = self.query_one("#sentence-list", VerticalScroll)
        await listing.remove_children()
        blocks = []
        for index, sentence in enumerate(self.sentences):
            mt = Content.styled(
                f"MT {sentence.mt}" if sentence.mt else "MT (none: t in the grid translates)",
                "$text-muted",
            )
            block = Vertical(
                Horizontal(
                    Label(str(index + 1), classes="sentence-number"),
                    Static(Content(sentence.source), classes="sentence-source"),
                    classes="sentence-head",
                ),
                Static(mt, classes="sentence-mt"),
                TextInput(
                    self.boxes[index],
                    placeholder=f"English of sentence {index + 1}",
                    classes="sentence-english",
                ),
                classes="sentence",
            )
            blocks.append(block)
        await listing.mount_all(blocks)
        whole = self.query_one("#sentence-whole", Label)
        whole.update(
            "Translated as a whole: the English does not split into as many sentences, so "
            "all of it is in the first box."
            if self.whole and self.boxes[1:] == [""] * (len(self.boxes) - 1)
            else ""
        )
        whole.display = self.whole
        self._focus_current()

    def _inputs(self) -> list[Input]:
        return list(self.query(".sentence-english").results(Input))

    def _focus_current(self) -> None:
        self.query_one("#sentence-title", Label).update(self._title())
        blocks = list(self.query(".sentence").results(Vertical))
        for index, block in enumerate(blocks):
            block.set_class(index == self.current, "-current")
        inputs = self._inputs()
        if inputs:
            self.set_focus(inputs[self.current])
            blocks[self.current].scroll_visible(animate=False)

    @on(Input.Changed, ".sentence-english")
    def _typed(self, event: Input.Changed) -> None:
        inputs = self._inputs()
        if event.input not in inputs:
            return
        index = inputs.index(event.input)
        if index < len(self.boxes) and self.boxes[index] != event.value:
            self.boxes[index] = event.value
            self._on_text(self.text)

    @on(Input.Submitted, ".sentence-english")
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_move(1)

    def action_move(self, step: int) -> None:
        if self.sentences:
            self.current = max(0, min(len(self.sentences) - 1, self.current + step))
            self._focus_current()

    async def action_join(self) -> None:
        if self.current >= len(self.sentences) - 1:
            self.notify("This is the last sentence: there is none to join it with.")
            return
        sentences = self._join(self.current)
        if sentences is None:
            return
        index = self.current
        joined = join_sentences(self.boxes[index : index + 2])
        self.boxes[index : index + 2] = [joined]
        self.sentences = sentences
        await self._show()

    def action_split(self) -> None:
        if not self.sentences:
            return
        index = self.current

        async def split(offset: int | None) -> None:
            if offset is None:
                return
            sentences = self._split(index, offset)
            if sentences is None:
                return
            # The box's English stays with the first half; the second starts empty.
            self.boxes[index + 1 : index + 1] = [""]
            self.sentences = sentences
            await self._show()

        self.app.push_screen(SplitDialog(index, self.sentences[index].source), split)

    def action_save(self) -> None:
        self.dismiss("save")

    def action_back(self) -> None:
        self.dismiss(None)


class SplitDialog(ModalScreen[int | None]):
    """A sentence with a split point that ←/→ move; enter splits there, esc does not."""

    KEYS_TITLE = "Split a sentence"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Split point left", id="split.left"),
        Binding("right", "move(1)", "Split point right", id="split.right"),
        Binding("home", "edge(0)", "First place", show=False, id="split.first"),
        Binding("end", "edge(1)", "Last place", show=False, id="split.last"),
        Binding("enter", "split", "Split here", id="split.confirm"),
        Binding("escape", "cancel", "Close", id="split.close"),
    ]

    def __init__(self, index: int, source: str) -> None:
        super().__init__()
        self.index = index
        self.source = source
        self.point = max(1, len(source) // 2)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog"):
            yield Label(f"Split sentence {self.index + 1}", classes="dialog-title")
            yield Static(self._marked(), id="split-sentence")
            yield Label(
                "← → move the split point · enter splits there · esc closes",
                classes="dialog-hint",
            )

    def _marked(self) -> Content:
        head, tail = self.source[: self.point], self.source[self.point :]
        return Content.assemble(head, ("│", "bold $accent"), (tail, "$text-accent"))

    def action_move(self, step: int) -> None:
        self.point = max(1, min(len(self.source) - 1, self.point + step))
        self.query_one("#split-sentence", Static).update(self._marked())

    def action_edge(self, end: int) -> None:
        self.action_move(len(self.source) if end else -len(self.source))

    def action_split(self) -> None:
        self.dismiss(self.point)

    def action_cancel(self) -> None:
        self.dismiss(None)

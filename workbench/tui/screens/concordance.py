"""The concordance: a Chinese or English string across the project's rows and its
translation memories, each hit in context with its other side and where it comes from.

The search runs in a worker as the translator types (and at once on enter); the list shows
one hit per entry, the text around the match on one line and the other side under it (the
facing sentence when both sides split into the same sentences); the pane below shows the
highlighted hit in full. Enter on a project hit opens its row in the editor; ctrl+g makes a
candidate glossary term of the hit (the query and the rendering the hit uses, through the
term form).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from workbench.core.concordance import has_chinese
from workbench.core.errors import InputError, WorkbenchError
from workbench.store.memory import PROJECT_MEMORY
from workbench.store.project import Project
from workbench.tui.dictionary import DictionaryStatus, Phase, propose_term
from workbench.tui.typed_fields import TypedFields
from workbench.tui.widgets.hits import hit_detail, hit_prompt, where
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.text_fields import TextInput
from workbench.workflows.lookup import Concordance, ConcordanceHit, concordance

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

LIMIT = 200  # hits listed; the title gives the total
SEARCH_DELAY = 0.3  # seconds after the last keystroke before searching
MUTED = "$foreground-muted"
WHERE_SHARE = 4  # "document ¶n" or "memory name" takes at most a quarter of the width


class HitList(OptionList):
    """The hits; enter opens the row of a project hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to row", id="concordance.go"),
    ]


class ConcordanceScreen(Screen[None]):
    """Search the project and its memories; jump to a row; add a term from a hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="concordance.back", tooltip="Back to the editor"),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="concordance.search",
            tooltip="Type another Chinese or English string",
        ),
        Binding(
            "ctrl+g",
            "add_to_glossary",
            "Add to glossary",
            id="concordance.add",
            tooltip="Make a candidate glossary term of the highlighted hit",
        ),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self._typed = TypedFields(self)
        self._initial = query
        self.result: Concordance | None = None
        self._timer: Timer | None = None
        self._pending_add: ConcordanceHit | None = None  # waiting for the dictionary to open

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    @property
    def project(self) -> Project:
        return self.workbench.project

    def compose(self) -> ComposeResult:
        yield Label("", id="concordance-title")
        yield TextInput(
            self._initial,
            placeholder="Chinese or English to find in the project and its memories",
            id="concordance-query",
            compact=True,
        )
        with Container(id="concordance-body"):
            yield HitList(id="concordance-hits")
            with VerticalScroll(id="concordance-detail"):
                yield Static("", id="concordance-hit")
        yield KeyBar()

    def on_mount(self) -> None:
        self.workbench.dictionary.changed.subscribe(self, self._dictionary_changed)
        self._show_title()
        self.query_one(Input).focus()
        if self._initial.strip():
            self._search(self._initial.strip())
        self._typed.restore()

    @property
    def hits(self) -> HitList:
        return self.query_one(HitList)

    # -- searching -------------------------------------------------------------------------

    @on(Input.Changed, "#concordance-query")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value.strip()
        if query:
            self._timer = self.set_timer(SEARCH_DELAY, lambda: self._search(query))

    @on(Input.Submitted, "#concordance-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value.strip()
        if query:
            self._search(query, focus=True)

    def _search(self, query: str, *, focus: bool = False) -> None:
        self._show_title(searching=query)
        self._run_search(query, focus)

    @work(thread=True, exclusive=True, group="concordance")
    def _run_search(self, query: str, focus: bool) -> None:
        try:
            found = concordance(self.project, query, limit=LIMIT)
        except InputError:
            return  # nothing left to search for (only spaces)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, found, focus)

    def _found(self, found: Concordance, focus: bool) -> None:
        if found.query != self.query_one(Input).value.strip():
            return  # typed on since: a newer search is on its way
        self.result = found
        self._show_title()
        self._fill()
        if focus and found.hits:
            self.hits.focus()

    def _show_title(self, searching: str = "") -> None:
        parts: list[str | tuple[str, str]] = [("Concordance", "bold")]
        found = self.result
        if searching:
            parts.append((f" · searching for “{searching}”…", MUTED))
        elif found is None:
            parts.append((" · the project's rows and its translation memories", MUTED))
        else:
            rows = sum(1 for hit in found.hits if not hit.in_memory)
            memory = len(found.hits) - rows
            parts.append(f" · {found.total} hit{'s' * (found.total != 1)}")
            parts.append((f" · {rows} in the project · {memory} in memories", MUTED))
            if found.total > len(found.hits):
                parts.append((f" · the first {len(found.hits)} shown", MUTED))
        self.query_one("#concordance-title", Label).update(Content.assemble(*parts))

    def _fill(self) -> None:
        hits = self.hits
        found = self.result
        if found is None:
            return
        kept = hits.highlighted
        # Leave room for the scroll bar even before it shows: it comes with the hits.
        scrollbar = 0 if hits.show_vertical_scrollbar else hits.styles.scrollbar_size_vertical
        width = max(30, hits.scrollable_content_region.width - scrollbar - 1)
        labels = max((cell_len(where(hit)) for hit in found.hits), default=0)
        label_width = min(labels + 2, max(16, width // WHERE_SHARE + 2))
        term = self.workbench.glossary.get(found.query)
        renderings = (term.target, *term.variants) if term is not None else ()
        hits.set_options(
            Option(hit_prompt(hit, width, label_width, renderings), id=str(index))
            for index, hit in enumerate(found.hits)
        )
        if found.hits:
            hits.highlighted = min(kept or 0, len(found.hits) - 1)
        self._show_hit()

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._fill)

    # -- the highlighted hit ---------------------------------------------------------------

    @property
    def current(self) -> ConcordanceHit | None:
        found = self.result
        index = self.hits.highlighted
        if found is None or index is None or not 0 <= index < len(found.hits):
            return None
        return found.hits[index]

    @on(OptionList.OptionHighlighted, "#concordance-hits")
    def _highlighted(self) -> None:
        self._show_hit()

    def _show_hit(self) -> None:
        hit = self.current
        detail = self.query_one("#concordance-hit", Static)
        if hit is None:
            found = self.result
            empty = f"No hits for “{found.query}”." if found is not None else ""
            detail.update(Content.styled(empty, f"{MUTED} italic"))
            return
        detail.update(hit_detail(hit))

    @on(OptionList.OptionSelected, "#concordance-hits")
    def _selected(self) -> None:
        hit = self.current
        if hit is None:
            return
        if hit.in_memory and hit.origin != PROJECT_MEMORY:
            self.notify(
                f"This pair comes from the memory {hit.origin!r}, not from a row of the project.",
                severity="warning",
            )
            return
        # A pair of the project's own memory may outlive its row (deleted, or dropped).
        paragraph = None
        if hit.paragraph_id is not None:
            try:
                paragraph = self.project.paragraph(hit.paragraph_id)
            except WorkbenchError:
                paragraph = None
        if paragraph is None or not paragraph.included:
            self.notify("The row this pair came from is no longer in the project.")
            return
        self.workbench.show_paragraph(paragraph.id)

    # -- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        """From the search line to the hits first (as in the glossary review), then out."""
        if self.focused is not self.hits and self.result is not None and self.result.hits:
            self.hits.focus()
        else:
            self._typed.keep()
            self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_add_to_glossary(self) -> None:
        hit = self.current
        if hit is None:
            self.notify("No hit to take a term from.", severity="warning")
            return
        loader = self.workbench.dictionary
        if loader.service() is None and loader.status.phase is not Phase.FAILED:
            self._pending_add = hit  # proposed as soon as the dictionary is open
            self.notify(loader.status.message)
            return
        self._propose(hit)

    def _dictionary_changed(self, status: DictionaryStatus) -> None:
        hit, self._pending_add = self._pending_add, None
        if hit is not None and status.phase in (Phase.READY, Phase.FAILED):
            self._propose(hit)
        elif hit is not None:
            self._pending_add = hit

    def _propose(self, hit: ConcordanceHit) -> None:
        """The form prefilled from the hit: the query and the rendering the hit uses, found
        with the dictionary and the glossary; what cannot be found is left to type."""
        query = self.result.query if self.result is not None else ""
        note = f"from the concordance: {hit.describe()}"
        loader = self.workbench.dictionary
        service = loader.service()
        source, target = (query, "") if has_chinese(query) else ("", query)
        if service is None:
            self.notify(f"{loader.status.message}. Type the rest in the form.", severity="warning")
        else:
            try:
                term = service.term_from_hit(hit, query)
            except InputError as exc:
                self.notify(f"{exc}. Type it in the form.", severity="warning")
            else:
                source, target, note = term.source, term.target, term.note
        propose_term(self.workbench, source=source, target=target, note=note)

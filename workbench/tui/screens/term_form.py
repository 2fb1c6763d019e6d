"""The add/edit term form. Validation is the glossary's own (`Term` raises GlossaryError);
the message is shown in the form and the form stays open, so nothing typed is lost; esc
closes it and keeps what was typed for the next time the same form opens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from workbench.core.errors import GlossaryError
from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus, chinese_key
from workbench.tui.typed_fields import TypedFields
from workbench.tui.widgets.text_fields import TextInput


@dataclass(frozen=True)
class TermEdit:
    """The form's result: the new term, and the source of the term it replaces (if any)."""

    term: Term
    replaces: str | None


class TermForm(ModalScreen[TermEdit | None]):
    """Add a term (empty or prefilled) or edit one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save term", id="term_form.save"),
        Binding("escape", "cancel", "Cancel", id="term_form.cancel"),
    ]

    def __init__(
        self,
        glossary: Glossary,
        term: Term | None = None,
        *,
        source: str = "",
        target: str = "",
        note: str = "",
        status: TermStatus = TermStatus.CANDIDATE,
    ) -> None:
        """A new term may come prefilled (`source`, `target`, `note`, `status`), as from a
        candidate phrase, a dictionary sense or a concordance hit."""
        super().__init__()
        self.glossary = glossary
        self.original = term
        self._source = term.source if term else source
        self._target = term.target if term else target
        self._note = term.note if term else note
        self._status = term.status if term else status
        self._typed = TypedFields(self)

    def compose(self) -> ComposeResult:
        term = self.original
        title = f"Edit term {term.source}" if term else "Add a term"
        with Vertical(classes="dialog form-dialog"):
            yield Label(title, classes="dialog-title")
            with Grid(id="term-fields"):
                yield Label("Chinese")
                yield TextInput(self._source, id="term-source", compact=True)
                yield Label("English")
                yield TextInput(self._target, id="term-target", compact=True)
                yield Label("Variants")
                yield TextInput(
                    " | ".join(term.variants) if term else "",
                    placeholder="other acceptable renderings, separated by |",
                    id="term-variants",
                    compact=True,
                )
                yield Label("Forbidden")
                yield TextInput(
                    " | ".join(term.forbidden) if term else "",
                    placeholder="renderings that must not be used, separated by |",
                    id="term-forbidden",
                    compact=True,
                )
                yield Label("Status")
                yield Select(
                    [(status.value, status) for status in TermStatus],
                    value=self._status,
                    allow_blank=False,
                    id="term-status",
                    compact=True,
                )
                yield Label("Case")
                yield Select(
                    [(case.value, case) for case in CaseRule],
                    value=term.case if term else CaseRule.INSENSITIVE,
                    allow_blank=False,
                    id="term-case",
                    compact=True,
                )
                yield Label("Part of speech")
                yield TextInput(term.pos if term else "", id="term-pos", compact=True)
                yield Label("Note")
                yield TextInput(self._note, id="term-note", compact=True)
            yield Label("", id="term-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="term-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="term-cancel", compact=True)

    def on_mount(self) -> None:
        first = "#term-target" if self._source else "#term-source"
        self.query_one(first, Input).focus()
        self._typed.restore()

    def _value(self, name: str) -> str:
        return self.query_one(f"#term-{name}", Input).value

    def _term(self) -> Term:
        status = self.query_one("#term-status", Select).value
        case = self.query_one("#term-case", Select).value
        return Term(
            source=self._value("source"),
            target=self._value("target"),
            status=TermStatus(str(status)),
            variants=tuple(self._value("variants").split("|")),
            forbidden=tuple(self._value("forbidden").split("|")),
            pos=self._value("pos"),
            case=CaseRule(str(case)),
            note=self._value("note"),
        )

    def action_save(self) -> None:
        try:
            term = self._term()
        except GlossaryError as exc:
            self.query_one("#term-error", Label).update(str(exc))
            return
        replaces = self.original.source if self.original else None
        existing = self.glossary.get(term.source)
        same = replaces is not None and chinese_key(replaces) == chinese_key(term.source)
        if existing is not None and not same:
            self.query_one("#term-error", Label).update(
                f"{existing.source} is already in the glossary; edit that term instead."
            )
            return
        self._typed.forget()
        self.dismiss(TermEdit(term, replaces))

    def action_cancel(self) -> None:
        self._typed.keep()
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#term-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#term-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

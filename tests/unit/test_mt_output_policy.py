"""Machine output meets the text policy before it is stored or shown: a model can emit ESC,
BEL, vertical tabs, form feeds or noncharacters (a random-weight model does so easily), and
no export may carry them. The characters removed are counted in the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mt_fixtures import ScriptedTranslator
from tests.unit.test_translate_workflow import GLOSSARY, PARAGRAPHS, make_project
from workbench.core.text_policy import count_unwritable
from workbench.store.mt_cache import CachedTranslation, MtCache
from workbench.store.project import Project
from workbench.workflows.translating import translate_paragraphs
from workbench.workflows.translation_plan import plan_translation

HOSTILE = ["\x1b", "\x0b", "\x0c", "\x07", "\ufffe", "\uffff"]


def polluted(source: str) -> str:
    """What a model with random weights might say: text with every hostile character."""
    return "The artificial intelligence\x1b[31m text\x0b with\x0c bell\x07 and \ufffe\uffff end."


def stored_texts(project: Project) -> list[str]:
    texts = [p.mt or "" for p in project.paragraphs()]
    texts += [s.mt or "" for s in project.all_sentences()]
    return texts


@pytest.mark.parametrize("enforce", [True, False], ids=["enforced", "raw"])
def test_machine_output_is_sanitised_before_it_is_stored(tmp_path: Path, enforce: bool) -> None:
    project = make_project(tmp_path / "p.sqlite")
    engine = ScriptedTranslator({}, fallback=polluted)
    summary = translate_paragraphs(project, GLOSSARY, engine, enforce=enforce)
    texts = stored_texts(project)
    assert all(texts)
    assert not any(char in text for text in texts for char in HOSTILE)
    assert all("intelligence text with bell and  end." in t for t in texts if t)
    cached = MtCache(project).lookup(engine.model_id, _keys(project, enforce))
    assert cached and not any(count_unwritable(e.text + e.raw) for e in cached.values())
    distinct = summary.sentences_translated
    assert summary.characters_removed == distinct * len(HOSTILE + list("[31m"))


def test_translations_cached_before_the_policy_are_cleaned_when_written(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.sqlite")
    engine = ScriptedTranslator({}, fallback=polluted)
    plan = plan_translation(project, GLOSSARY, engine.model_id)
    entries = [
        CachedTranslation(
            source=source,
            signature=signature,
            text=f"old\x1b {source}\x07",
            raw=f"old\x1b {source}",
            score=-1.0,
            constraints=plan.constraints[(source, signature)],
            glossary_version=plan.glossary.version,
        )
        for _, keys in plan.chunks
        for source, signature in keys
    ]
    MtCache(project).put(engine.model_id, entries)
    summary = translate_paragraphs(project, GLOSSARY, engine)
    assert engine.calls == []  # everything came from the cache
    assert summary.rows_from_cache == len(PARAGRAPHS)
    assert not any(count_unwritable(text) for text in stored_texts(project))
    sentences = sum(len(p) for p in PARAGRAPHS)
    assert summary.characters_removed == 2 * sentences


def _keys(project: Project, enforce: bool) -> list[tuple[str, str]]:
    plan = plan_translation(project, GLOSSARY, "scripted", enforce=enforce, force=True)
    return [key for _, keys in plan.chunks for key in keys]

"""The MT cache and the per-sentence MT records on both backends: a replaced entry, a long
sentence (longer than a B-tree index entry on PostgreSQL), pruning, records still valid."""

from __future__ import annotations

from tests.store_fixtures import add_document, paragraph_texts
from workbench.store.mt_cache import CachedTranslation, MtCache, UnmetTerm
from workbench.store.project import Project

LONG = "人工智能全球治理需要各国共同努力。" * 300  # ~15 kB of UTF-8


def _entry(source: str, text: str) -> CachedTranslation:
    return CachedTranslation(source, "sig", text, text.lower(), -0.5, "[]", "g1")


def test_cache_put_replace_lookup_and_prune(project_location: str) -> None:
    with Project.open(project_location) as project:
        cache = MtCache(project)
        cache.put("m", [_entry("短句。", "Short."), _entry(LONG, "Long.")])
        cache.put("m", [_entry("短句。", "Short, again.")])  # same key: replaced
        cache.put("old-model", [_entry("短句。", "Old.")])
        found = cache.lookup("m", [("短句。", "sig"), (LONG, "sig"), ("无。", "sig")])
        assert {key[0]: entry.text for key, entry in found.items()} == {
            "短句。": "Short, again.",
            LONG: "Long.",
        }
        assert cache.size() == 3
        assert cache.prune("m", [(LONG, "sig"), (LONG, "sig")]) == 2
        assert list(cache.lookup("m", [(LONG, "sig")])) == [(LONG, "sig")]
        assert cache.size() == 1


def test_sentence_records_follow_the_stored_mt(project_location: str) -> None:
    with Project.open(project_location) as project:
        add_document(project, paragraph_texts(2))
        first = project.paragraphs()[0]
        [sentence] = project.sentences(first.id)
        project.set_machine_translation(first.id, ["Machine."])
        cache = MtCache(project)
        unmet = [UnmetTerm("治理", "governance", "missing")]
        cache.record(sentence.id, model_id="m", signature="s", glossary_version="g",
                     text="Machine.", unmet=unmet)  # fmt: skip
        cache.record(sentence.id, model_id="m2", signature="s", glossary_version="g",
                     text="Machine.", unmet=unmet)  # fmt: skip
        records = cache.records([first.id])
        assert [(r.model_id, r.unmet) for r in records.values()] == [("m2", tuple(unmet))]
        project.set_machine_translation(first.id, ["Other machine text."])
        assert cache.records([first.id]) == {}  # no longer what the sentence holds

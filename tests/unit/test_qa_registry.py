"""The check registry: ids, severities, titles, switching off, and never raising."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from workbench.core.checks import base
from workbench.core.errors import InputError
from workbench.core.qa import (
    Severity,
    all_checks,
    check_info,
    run_checks,
    run_project_checks,
    validate_check_ids,
)

EXPECTED = {
    "untranslated": "error",
    "identical": "error",
    "chinese-left": "error",
    "fullwidth-punctuation": "error",
    "term-missing": "error",
    "term-forbidden": "error",
    "number-mismatch": "error",
    "numeral-mismatch": "warning",
    "number-approximation": "warning",
    "unbalanced-brackets": "error",
    "unbalanced-quotes": "warning",
    "spelling": "warning",
    "title-marks": "warning",
    "double-space": "warning",
    "whitespace": "warning",
    "sentence-count": "warning",
    "length-ratio": "warning",
    "inconsistent-translation": "warning",
    "same-translation": "warning",
}


def test_every_check_has_an_id_severity_title_and_description() -> None:
    infos = all_checks()
    assert {i.id: i.severity.value for i in infos} == EXPECTED
    for info in infos:
        assert info.title and info.description, info.id
        assert check_info(info.id) is info


def test_unknown_ids_are_refused_with_the_list() -> None:
    assert validate_check_ids(["length-ratio"]) == {"length-ratio"}
    with pytest.raises(InputError, match=r"no check .grammar.*length-ratio"):
        validate_check_ids(["grammar"])


def test_disabled_checks_do_not_run() -> None:
    source, target = "2023年10月。", "In October 2022."
    assert [i.check for i in run_checks(source, target)] == ["number-mismatch"] * 2
    assert run_checks(source, target, disabled=frozenset({"number-mismatch"})) == []


def test_errors_come_first() -> None:
    issues = run_checks("会议有三方面亮点，于2023年举行。", "The meeting  was held in 2022.")
    severities = [i.severity for i in issues]
    assert severities == sorted(severities, key=lambda s: -s.rank)
    assert Severity.WARNING in severities and Severity.ERROR in severities


def test_a_crashing_check_becomes_an_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(segment: base.Segment) -> Iterator[base.Finding]:
        raise RuntimeError("boom")
        yield  # pragma: no cover

    info = base.CheckInfo("broken", Severity.ERROR, "Broken", "", base.Scope.SEGMENT)
    checks = dict(base.segment_checks())
    checks["broken"] = (info, broken)
    monkeypatch.setattr(base, "_SEGMENT_CHECKS", checks)
    from workbench.core import qa

    monkeypatch.setattr(qa, "segment_checks", lambda: checks)
    issues = run_checks("中国。", "China.")
    assert [i.check for i in issues] == ["broken"]
    assert "boom" in issues[0].message and issues[0].severity is Severity.WARNING


def test_project_check_failure_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.core import qa

    def broken(segments: object) -> Iterator[tuple[int, base.Finding]]:
        raise ValueError("bad")

    info = base.CheckInfo("broken", Severity.WARNING, "Broken", "", base.Scope.PROJECT)
    monkeypatch.setattr(qa, "project_checks", lambda: {"broken": (info, broken)})
    found = run_project_checks([base.ProjectSegment(7, "中国。", "China.")])
    assert [i.check for i in found[7]] == ["broken"]


def test_core_qa_and_tm_import_no_ui_or_database() -> None:
    import subprocess
    import sys

    code = (
        "import sys, workbench.core.qa, workbench.core.tm; "
        "bad = [m for m in ('textual', 'sqlite3', 'argostranslate') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""

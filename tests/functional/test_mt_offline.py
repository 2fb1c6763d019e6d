"""Nothing phones home: the whole model workflow (install, list, load, translate, remove) runs
in subprocesses whose sockets refuse to connect, with HOME an empty folder, and afterwards
nothing was attempted and nothing exists under HOME but the package folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCUMENT = "人工智能是人类发展的新领域。\n\n积极参与人工智能全球治理，推动数字鸿沟的弥合。\n"
PACKAGES = Path(".local") / "share" / "argos-translate" / "packages"  # the documented default
WATCHED = ("onnxruntime", "minisbd", "argostranslate", "stanza", "spacy")

# Loaded by every Python subprocess through PYTHONPATH: every way to reach the network
# records the attempt and fails; at exit, the telemetry-prone modules that were imported.
SITECUSTOMIZE = """
import atexit, os, socket, sys

_LOG = os.environ["GUARD_LOG"]

def _record(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")

def _refuse(name):
    def refuse(*args, **kwargs):
        _record(f"{name} {args!r}"[:300])
        raise OSError(f"network access is switched off in this test ({name})")
    return refuse

for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, _name, _refuse("socket." + _name))
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
    setattr(socket, _name, _refuse(_name))

@atexit.register
def _modules():
    watched = WATCHED_MODULES
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in watched)
    if loaded:
        _record("imported " + " ".join(loaded))
""".replace("WATCHED_MODULES", repr(WATCHED))


def _environment(home: Path, guard: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WORKBENCH_", "XDG_", "ARGOS_", "ORT_")) and k != "PYTHONPATH"
    }
    env.update(
        HOME=str(home),
        PYTHONPATH=str(guard),
        GUARD_LOG=str(guard / "attempts.log"),
        WORKBENCH_GLOSSARY=str(REPO / "glossary" / "governance.tsv"),
        PYTHONIOENCODING="utf-8",
    )
    return env


def _workbench(env: dict[str, str], cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _home_tree(home: Path) -> list[str]:
    return sorted(str(path.relative_to(home)) for path in home.rglob("*"))


def test_the_model_workflow_opens_no_connection_and_writes_only_the_package_folder(
    tmp_path: Path, tiny_argosmodel: Path
) -> None:
    home, guard, work = tmp_path / "home", tmp_path / "guard", tmp_path / "work"
    for folder in (home, guard, work):
        folder.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = _environment(home, guard)
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('localhost', 80)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "switched off" in probe.stderr  # the guard is active
    (guard / "attempts.log").unlink()

    installed = _workbench(env, work, "model", "install", str(tiny_argosmodel))
    assert str(home / PACKAGES) in installed
    assert "translate-zh_en-synthetic-tiny" in _workbench(env, work, "model", "list")
    (work / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    _workbench(env, work, "import", "doc.txt", "-p", "project.sqlite")
    translated = _workbench(env, work, "translate", "-p", "project.sqlite")
    assert "translated" in translated
    during = _home_tree(home)
    _workbench(env, work, "model", "remove", "zh-en")

    log = guard / "attempts.log"
    assert not log.exists(), log.read_text(encoding="utf-8")
    package = str(PACKAGES / "translate-zh_en-synthetic-tiny")
    assert package + "/model/model.bin" in during
    allowed = {str(PACKAGES), *(str(p) for p in PACKAGES.parents if str(p) != ".")}
    outside = [p for p in during if p not in allowed and not p.startswith(str(PACKAGES) + "/")]
    assert outside == []
    assert _home_tree(home) == sorted([*allowed, str(PACKAGES / ".workbench-install.lock")])


def test_onnxruntime_telemetry_is_off_even_if_something_imports_it(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORT_")}
    env["HOME"] = str(home)
    code = "import workbench.mt, onnxruntime; print(onnxruntime.__version__)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _home_tree(home) == []

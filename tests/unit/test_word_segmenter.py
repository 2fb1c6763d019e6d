"""jieba as the dictionary's word segmenter: its files stay in the workbench cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jieba


def test_jieba_writes_only_into_the_cache_folder_and_says_nothing(tmp_path: Path) -> None:
    home, temp, cache = tmp_path / "home", tmp_path / "tmp", tmp_path / "cache"
    for folder in (home, temp, cache):
        folder.mkdir()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from workbench.core.dictionary import Lexicon, segment\n"
        "from workbench.store.word_segmenter import segmenter\n"
        "words = ['参与', '并发', '并', '发挥', '挥', '研究生', '研究', '生命', '命']\n"
        "splitter = segmenter(words, Path(sys.argv[1]), 'test')\n"
        "tokens = segment('参与并发挥', Lexicon(words), splitter=splitter)\n"
        "print('/'.join(t.text for t in tokens))\n"
    )
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "XDG_CACHE_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(cache)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "参与/并/发挥"
    assert result.stderr == ""  # jieba's "Building prefix dict ..." lines are silenced
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []
    names = sorted(p.name for p in cache.iterdir())
    name = f"jieba-test-{jieba.__version__}.txt"
    assert names == [name, name + ".cache"]

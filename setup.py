"""Build step pyproject.toml cannot express: data kept at the checkout's top level that the
wheel needs, the curated glossary and the generated test model's training corpus.

`workbench model install --generated` trains on the sample pages (seeds/*.txt) and the
development pairs (eval/dev-pairs.tsv). They stay where they are in the checkout (one
source of truth, also used by the tests and `workbench eval`); the wheel gets a copy in
workbench/data/corpus/ so that an installed workbench can build the model too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
CORPUS = [*sorted((ROOT / "seeds").glob("*.txt")), ROOT / "eval" / "dev-pairs.tsv"]
# The curated glossary: glossary/ in the checkout (its one source), package data in a wheel.
GLOSSARY = [ROOT / "glossary" / "governance.tsv", ROOT / "glossary" / "README.md"]


class BuildWithCorpus(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads seeds/, eval/, glossary/ in place
            return
        for folder, sources in (("corpus", CORPUS), ("glossary", GLOSSARY)):
            target = Path(self.build_lib) / "workbench" / "data" / folder
            target.mkdir(parents=True, exist_ok=True)
            for source in sources:
                if source.is_file():
                    shutil.copyfile(source, target / source.name)


setup(cmdclass={"build_py": BuildWithCorpus})

"""Loading the English spelling dictionaries (hunspell, through the chunspell package) and
the project's own words; `workbench.core.spelling` does the checking (the check `spelling`
of `workbench check` and the marks in the editor's text box).

The language is `WORKBENCH_SPELLING` (`en_US`, the default, or `en_GB`). Dictionaries are
looked for in `WORKBENCH_HUNSPELL_DIR`, then in the system's folders (Debian's
`hunspell-en-us` and `hunspell-en-gb`, which setup.sh installs), then among the ones the
chunspell package ships (en_US). A dictionary loads in a few tenths of a second, once per
process.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.glossary import Glossary, TermStatus
from workbench.core.spelling import Speller, known_words
from workbench.store.project import Project

LANGUAGE_ENV = "WORKBENCH_SPELLING"
FOLDER_ENV = "WORKBENCH_HUNSPELL_DIR"
DEFAULT_LANGUAGE = "en_US"
LANGUAGES = ("en_US", "en_GB")
SYSTEM_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
WORDS_SETTING = "spelling.words"  # the project's word list (JSON list of words)


class SpellingUnavailableError(WorkbenchError):
    """No dictionary for the language could be loaded."""


class HunspellDictionary:
    """A hunspell dictionary (`Dictionary` of the core)."""

    def __init__(self, language: str, folder: Path) -> None:
        import hunspell  # the chunspell package; imported here: only spelling needs it

        self.language = language
        self.folder = folder
        self._hunspell = hunspell.Hunspell(language, hunspell_data_dir=str(folder))

    def knows(self, word: str) -> bool:
        try:
            return bool(self._hunspell.spell(word))
        except UnicodeError:  # a letter the dictionary's encoding lacks: not its word
            return False


def language() -> str:
    chosen = os.environ.get(LANGUAGE_ENV, "").strip() or DEFAULT_LANGUAGE
    if chosen not in LANGUAGES:
        raise SpellingUnavailableError(
            f"{LANGUAGE_ENV}={chosen}: not a spelling language; use one of {', '.join(LANGUAGES)}"
        )
    return chosen


def _folders() -> list[Path]:
    folders = [Path(p) for p in os.environ.get(FOLDER_ENV, "").split(os.pathsep) if p]
    folders += SYSTEM_FOLDERS
    try:
        import hunspell
    except ImportError:
        return folders
    return [*folders, Path(hunspell.__file__).parent / "dictionaries"]


@lru_cache(maxsize=4)
def _dictionary(chosen: str, folders: tuple[Path, ...]) -> HunspellDictionary:
    for folder in folders:
        if (folder / f"{chosen}.dic").is_file() and (folder / f"{chosen}.aff").is_file():
            try:
                return HunspellDictionary(chosen, folder)
            except ImportError as exc:
                raise SpellingUnavailableError(
                    f"spelling needs the chunspell package ({exc}); run setup.sh"
                ) from exc
    where = ", ".join(str(f) for f in folders)
    raise SpellingUnavailableError(
        f"no {chosen} spelling dictionary in {where}; install hunspell-{chosen.lower()} "
        f"(Debian: apt-get install hunspell-{chosen.lower().replace('_', '-')}) or set "
        f"{FOLDER_ENV}"
    )


def open_dictionary() -> HunspellDictionary:
    """The dictionary of the chosen language (loaded once per process)."""
    return _dictionary(language(), tuple(_folders()))


def project_words(project: Project) -> list[str]:
    """The words the translator added to the project's word list."""
    stored = project.get_setting(WORDS_SETTING)
    if not stored:
        return []
    try:
        words = json.loads(stored)
    except ValueError:
        return []
    return [w for w in words if isinstance(w, str)] if isinstance(words, list) else []


def add_project_word(project: Project, word: str) -> list[str]:
    """Add a word to the project's word list; the list as it is now."""
    words = project_words(project)
    if word.lower() not in {w.lower() for w in words}:
        words.append(word)
        project.set_setting(WORDS_SETTING, json.dumps(sorted(words), ensure_ascii=False))
    return words


def glossary_english(glossary: Glossary | None) -> list[str]:
    """The glossary's English that counts as spelled right: every rendering of a term not
    rejected (approved renderings, variants; proper names are terms too)."""
    if glossary is None:
        return []
    phrases: list[str] = []
    for term in glossary.terms:
        if term.status is TermStatus.REJECTED:
            continue
        phrases.append(term.target)
        phrases.extend(term.variants)
    return phrases


def project_speller(project: Project, glossary: Glossary | None) -> Speller:
    """A speller knowing the dictionary's words, the glossary's English and the project's
    word list. SpellingUnavailableError without a dictionary."""
    known = known_words([*glossary_english(glossary), *project_words(project)])
    return Speller(open_dictionary(), known)

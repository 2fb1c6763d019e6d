#!/usr/bin/env bash
# One-time set-up on a fresh machine: system tools, a virtualenv in .venv, the package with dev
# extras at the versions in constraints.txt; also .venv313 (Python 3.13, for CI's smoke run) when
# that Python is on the machine.
set -euo pipefail
cd "$(dirname "$0")"

# msgfmt (GNU gettext) validates PO exports in the tests; tmux runs the editor in a real
# terminal in one test; OmegaT (a CAT tool, run headless) is the other side of the
# interchange round-trip test; php-symfony-translation ships the OASIS XLIFF 1.2 and 2.x
# schemas the XLIFF exports are validated against (read in place, no PHP runs).
MISSING=""
command -v msgfmt >/dev/null 2>&1 || MISSING="$MISSING gettext"
command -v omegat >/dev/null 2>&1 || MISSING="$MISSING omegat"
[ -f /usr/share/php/Symfony/Component/Translation/Resources/schemas/xliff-core-1.2-strict.xsd ] \
    || MISSING="$MISSING php-symfony-translation"
command -v tmux >/dev/null 2>&1 || MISSING="$MISSING tmux"
# PostgreSQL 15's server programs (initdb, pg_ctl): the tests start a throwaway server for
# the team-project (PostgreSQL backend) tests.
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
    || MISSING="$MISSING postgresql-15"
# English spelling dictionaries for `workbench check` and the editor (hunspell format).
[ -f /usr/share/hunspell/en_US.dic ] || MISSING="$MISSING hunspell-en-us"
[ -f /usr/share/hunspell/en_GB.dic ] || MISSING="$MISSING hunspell-en-gb"
if [ -n "$MISSING" ]; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $MISSING
    else
        echo "setup: please install$MISSING with your package manager" >&2
        exit 1
    fi
fi

# A Python of version $1 (e.g. 3.13): on PATH, else from pyenv; nothing if there is none.
find_python() {
    local candidate
    for candidate in "python$1" "$(pyenv root 2>/dev/null)/versions/$1"*/bin/"python$1"; do
        if "$candidate" -c "import sys; assert '%d.%d' % sys.version_info[:2] == '$1'" \
            >/dev/null 2>&1; then
            command -v "$candidate" || echo "$candidate"
            return 0
        fi
    done
    return 1
}

PYTHON="${PYTHON:-$(find_python 3.11 || echo python3)}"
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), "workbench needs Python 3.11 or newer"'

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q -c constraints.txt -e '.[dev]'

if PYTHON313="$(find_python 3.13)"; then
    [ -x .venv313/bin/python ] || "$PYTHON313" -m venv .venv313
    .venv313/bin/python -m pip install -q -c constraints.txt -e '.[dev]'
else
    echo "setup: no Python 3.13 here; .ci/run will skip the 3.13 smoke run" >&2
fi
echo "setup: done. Run the tests with: .venv/bin/pytest"

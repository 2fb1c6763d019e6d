#!/usr/bin/env bash
# One-time set-up on a fresh machine: system tools, a virtualenv in .venv, the package with dev extras.
set -euo pipefail
cd "$(dirname "$0")"

# msgfmt (GNU gettext) validates PO exports in the tests; tmux runs the editor in a real
# terminal in one test.
MISSING=""
command -v msgfmt >/dev/null 2>&1 || MISSING="$MISSING gettext"
command -v tmux >/dev/null 2>&1 || MISSING="$MISSING tmux"
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

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), "workbench needs Python 3.11"'

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q -e '.[dev]'
echo "setup: done. Run the tests with: .venv/bin/pytest"

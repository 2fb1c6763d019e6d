#!/usr/bin/env bash
# One-time set-up on a fresh machine: system tools, a virtualenv in .venv, the package with dev extras.
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

#!/bin/sh
# Build editors/vscode/kpidsl.vsix: regenerate the grammar from kpidsl's
# keyword table, install the npm packages (vscode-languageclient for the
# client, @vscode/vsce to package), and package the extension.
# Usage: editors/vscode/build.sh   (from anywhere; needs node and npm; PYTHON: a python with kpidsl)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
# The grammar is committed; regenerate it when kpidsl can be imported here.
repo=$(cd "$here/../.." && pwd)
if PYTHONPATH="$repo${PYTHONPATH:+:$PYTHONPATH}" "$python" -c "import kpidsl" 2>/dev/null; then
    "$python" "$here/generate_grammar.py"
else
    echo "note: $python cannot import kpidsl; packaging the committed grammar" >&2
fi
cd "$here"
npm install --no-audit --no-fund --loglevel=error
# vsce bundles only the runtime dependencies (vscode-languageclient and what it needs).
npx --no-install vsce package --allow-missing-repository --skip-license -o kpidsl.vsix
echo "built $here/kpidsl.vsix; install: code --install-extension $here/kpidsl.vsix"

#!/usr/bin/env bash
# `npm run notebooks`: set up Jupyter and the tslab kernel, build dist/ (the notebooks import the built
# library), execute every notebooks/NN-*.ipynb headless and export offline HTML with an index to site/.
# A failing cell fails the command with the notebook, cell index, source and error.
# Usage: bash scripts/run-notebooks.sh [notebooks/NN-name.ipynb ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
SITE_DIR=${VSW_SITE_DIR:-site}

[ "${VSW_JUPYTER_READY:-}" = 1 ] || bash scripts/setup-jupyter.sh > /dev/null  # scripts/test.sh has just run it
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
export PYDEVD_DISABLE_FILE_VALIDATION=1
[ "${VSW_DIST_BUILT:-}" = 1 ] || npm run --silent build  # scripts/test.sh has just built it

if [ "$#" -gt 0 ]; then
  notebooks=("$@")
else
  mapfile -t notebooks < <(find notebooks -maxdepth 1 -name '[0-9][0-9]-*.ipynb' | sort)
fi
if [ "${#notebooks[@]}" -eq 0 ]; then echo "run-notebooks: no notebooks/NN-*.ipynb found" >&2; exit 1; fi
# all of them: a fresh site; some: their pages replaced, the others' kept (the index lists both)
if [ "$#" -eq 0 ]; then rm -rf "$SITE_DIR"; fi
mkdir -p "$SITE_DIR"
# each notebook's time in the last run, so that the longest start first (VSW_NOTEBOOK_TIMES to change)
times_file=${VSW_NOTEBOOK_TIMES:-${TMPDIR:-/tmp}/vsw-notebook-times-$(id -u).tsv}
/usr/bin/python3 scripts/nbrun.py --out "$SITE_DIR" --times "$times_file" "${notebooks[@]}"

#!/usr/bin/env bash
# `npm run notebook`: open the notebooks in Jupyter Notebook (Debian's jupyter-notebook) with the project's
# tslab kernel. The server's root is the project folder, so charts of a notebook re-run in the same kernel
# or reopened load plotly.js from node_modules through the server itself (nothing is fetched from elsewhere).
# Extra arguments go to `jupyter notebook` (e.g. --no-browser --port 8890).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -x /usr/bin/jupyter-notebook ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "notebook: Jupyter Notebook is missing; run: sudo apt-get install -y jupyter-notebook" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends jupyter-notebook >&2
fi
bash scripts/setup-jupyter.sh > /dev/null
npm run --silent build
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
echo "notebook: opening notebooks/ with the TypeScript (tslab) kernel; stop with Ctrl+C" >&2
root_flag=()
[ "$(id -u)" -eq 0 ] && root_flag=(--allow-root)  # Jupyter refuses to run as root without it (containers, CI)
exec /usr/bin/jupyter notebook --notebook-dir="$PWD" "${root_flag[@]}" "$@" notebooks/

#!/usr/bin/env bash
# Make this machine ready to execute the notebooks headless: Debian's Jupyter (nbclient, nbconvert, ipykernel),
# Chromium for the browser tests, and a project-local tslab kernel under .jupyter/.
#
# Uses /usr/bin/jupyter and /usr/bin/python3 on purpose: a `python3` earlier on PATH (pyenv, venv) cannot see
# Debian's packages. Installs what is missing with apt-get (needs root) and fails loudly when it cannot;
# it never skips. Prints the JUPYTER_PATH to use on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(jupyter-nbconvert jupyter-client python3-nbclient python3-nbformat python3-ipykernel chromium jupyter-notebook)
PYTHON=/usr/bin/python3
JUPYTER=/usr/bin/jupyter

# Whether the modules are installed, found without importing them: importing nbconvert and the others took ≈ 0.75 s of
# CPU (5–7 s wall on a loaded machine) against 0.03 s, and this check runs at the start of the notebook step and of
# tests/notebook/nbrun.test.ts. A module that is installed but fails to import fails nbrun with Python's error.
have_jupyter() {
  [ -x "$JUPYTER" ] && [ -x "$PYTHON" ] && "$PYTHON" -c 'import importlib.util, sys
sys.exit(any(importlib.util.find_spec(m) is None for m in ("nbclient", "nbconvert", "nbformat", "jupyter_client")))' 2>/dev/null
}

if ! have_jupyter || ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/jupyter-notebook ]; then
  echo "setup-jupyter: installing ${APT_PACKAGES[*]} with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-jupyter: Jupyter or Chromium is missing and this is not root; run: sudo apt-get install -y ${APT_PACKAGES[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}"
  if ! have_jupyter; then
    echo "setup-jupyter: $JUPYTER or the Python modules nbclient/nbconvert/nbformat/jupyter_client are still missing" >&2
    exit 1
  fi
fi

TSLAB=node_modules/.bin/tslab
if ! [ -x "$TSLAB" ]; then
  echo "setup-jupyter: $TSLAB not found; run npm ci first" >&2
  exit 1
fi

# Project-local kernelspec (plain `tslab install` writes to a user folder and fails on this kind of machine).
PREFIX="$PWD/.jupyter"
# Installed once: skipped (≈ 2 s of npx and Python) when both kernelspecs already start this checkout's tslab.
kernelspec_current() { grep -qsF "[\"$PWD/$TSLAB\", \"kernel\"" "$PREFIX/share/jupyter/kernels/$1/kernel.json"; }
export JUPYTER_PATH="$PREFIX/share/jupyter"
# After an install, Jupyter itself must list the kernel (≈ 1 s of Python, so only then: a kernelspec found current
# above is the file Jupyter reads under this JUPYTER_PATH).
if ! kernelspec_current tslab || ! kernelspec_current jslab; then
  npx --no-install tslab install --python="$PYTHON" --binary="$PWD/$TSLAB" --prefix="$PREFIX" >&2
  # capture first: `grep -q` exits at the first match, and under pipefail the writer's SIGPIPE would fail the check
  kernels=$("$JUPYTER" kernelspec list 2>/dev/null || true)
  if ! grep -q '^ *tslab ' <<< "$kernels" || ! kernelspec_current tslab; then
    echo "setup-jupyter: the tslab kernel is not visible under JUPYTER_PATH=$JUPYTER_PATH" >&2
    "$JUPYTER" kernelspec list >&2 || true
    exit 1
  fi
fi
echo "JUPYTER_PATH=$JUPYTER_PATH"

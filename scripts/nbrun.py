#!/usr/bin/python3
"""Execute notebooks headless with the tslab kernel and export them to offline HTML with an index page.

Usage: /usr/bin/python3 scripts/nbrun.py --out site notebooks/00-start-here.ipynb [...]

- Each notebook runs top to bottom in its own folder (so `../dist` and `../datasets/...` resolve) with the
  kernel named by --kernel (default `tslab`, found through JUPYTER_PATH).
- The committed notebooks are never written: the executed copy goes to OUT/NAME.ipynb and the HTML export
  to OUT/NAME.html (nbconvert's JupyterLab template without its CDN scripts: scripts/nbconvert/offline).
- A failing cell is reported with the notebook, the cell index (0-based, as in nbformat), its source and the
  error; every notebook is still attempted, then the command exits 1. OUT/index.html links every page.
- Notebooks run --jobs at a time (default VSW_NOTEBOOK_JOBS, else one per CPU core), each in its own kernel and
  its own process; results are printed in the order the notebooks were given.
- With --times FILE ("seconds<TAB>notebook name" lines, rewritten after each run), the notebooks start longest
  first by their time in the last run (one not in the file first of all), so the slowest does not start last and
  keep one core busy alone at the end.
"""
import argparse
import html
import multiprocessing
import os
import sys
import time

from times_file import read_times, write_times

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE_DIR = os.path.join(HERE, "nbconvert")
CELL_TIMEOUT_SECONDS = 600  # generous: the bootstrap notebook resamples on two shared cores


def error_text(cell):
    """The error outputs and stderr of an executed cell as plain text (ANSI colour codes removed)."""
    import re

    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", "").rstrip())  # tslab reports compile errors on stderr
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
            parts.extend(out.get("traceback", []))
    return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(parts))


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


_exporter = None


def html_exporter():
    """One exporter per process: building it (Jinja templates, filters) took ≈ 0.1 s of CPU for every notebook."""
    global _exporter
    if _exporter is None:
        from nbconvert import HTMLExporter  # see run_one for why Jupyter's modules are imported here

        _exporter = HTMLExporter(extra_template_basedirs=[TEMPLATE_DIR], template_name="offline")
    return _exporter


_kernel_manager_class = None


def kernel_manager_class():
    """nbclient's kernel manager, finding kernelspecs under JUPYTER_PATH (and Jupyter's data folders) only.

    jupyter_client's default list of kernelspec folders also names ~/.ipython/kernels, and to find that folder it
    imports IPython: ≈ 0.4 s of CPU in each worker (measured: the imports nbrun needs 0.8 s, with IPython's 1.2 s),
    for a folder the project's kernel is never in (scripts/setup-jupyter.sh installs it under .jupyter/).
    """
    global _kernel_manager_class
    if _kernel_manager_class is None:
        from jupyter_client import AsyncKernelManager
        from jupyter_client.kernelspec import KernelSpecManager
        from jupyter_core.paths import jupyter_path
        from traitlets import default

        class ProjectKernelManager(AsyncKernelManager):
            @default("kernel_spec_manager")
            def _kernel_spec_manager_default(self):
                return KernelSpecManager(data_dir=self.data_dir, kernel_dirs=jupyter_path("kernels"))

        _kernel_manager_class = ProjectKernelManager
    return _kernel_manager_class


def run_one(path, out_dir, kernel):
    """Execute one notebook; returns (ok, message, title)."""
    # Imported where a notebook runs, not at the top: with --jobs > 1 the main process only hands the notebooks
    # to the workers, and importing nbformat, nbclient and nbconvert there (≈ 0.8 s of CPU, 0.9–1.4 s here)
    # delayed the start of the first kernels by that much. Each worker pays it once, at its first notebook.
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    title = title_of(nb, name)
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        kernel_manager_class=kernel_manager_class(),
        timeout=CELL_TIMEOUT_SECONDS,
        allow_errors=False,
        # Once the last cell has replied the kernel has nothing left to give: a graceful shutdown waited
        # ≈ 0.3 s per notebook for tslab to close its sockets and exit. The notebooks' cells finish their work
        # (file writes included) before they reply, so killing the kernel then changes no output.
        shutdown_kernel="immediate",
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    failure = None
    started = time.time()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
                detail = error_text(cell) or str(e)
                failure = (
                    f"{path}: cell {index} failed\n--- source ---\n{cell.source}\n--- error ---\n{detail}\n"
                )
                break
    elapsed = time.time() - started
    nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
    body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
        f.write(body)
    if failure:
        return False, failure, title, elapsed
    return True, f"{path}: ok ({elapsed:.1f} s, {sum(c.cell_type == 'code' for c in nb.cells)} code cells)", title, elapsed


def run_task(task):
    """run_one for a worker process of the pool (one argument)."""
    return run_one(*task)


def start_order(notebooks, times):
    """Longest first by the last run's time; a notebook without a time first of all (it may be the longest)."""
    name = lambda p: os.path.splitext(os.path.basename(p))[0]
    return sorted(notebooks, key=lambda p: -times.get(name(p), float("inf")))


def pages_kept(out_dir, entries):
    """Pages of earlier runs in out_dir that this run did not make (one notebook run alone keeps the others'), by name,
    titled as their HTML is, with no word on whether they passed (that run's output said)."""
    ran = {name for name, _, _ in entries}
    kept = []
    for f in sorted(os.listdir(out_dir)):
        stem, ext = os.path.splitext(f)
        if ext != ".html" or stem == "index" or stem in ran:
            continue
        with open(os.path.join(out_dir, f), encoding="utf-8", errors="replace") as page:
            head = page.read(4096)
        start, end = head.find("<title>"), head.find("</title>")
        kept.append((stem, html.unescape(head[start + 7:end]) if 0 <= start < end else stem, None))
    return kept


def write_index(out_dir, entries):
    entries = sorted(list(entries) + pages_kept(out_dir, entries), key=lambda e: e[0])
    rows = "\n".join(
        f'<li><a href="{html.escape(name)}.html">{html.escape(title)}</a>'
        f'{" — <strong>failed</strong>" if ok is False else ""}</li>'
        for name, title, ok in entries
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Vital Signs Workbench — notebooks</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5}}</style>
</head><body>
<h1>Vital Signs Workbench — notebooks</h1>
<p>Executed headless with the tslab kernel; each page opens offline.</p>
<ul>
{rows}
</ul>
</body></html>
"""
    with open(os.path.join(out_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(page)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for executed copies and HTML exports")
    parser.add_argument("--kernel", default="tslab")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("VSW_NOTEBOOK_JOBS") or os.cpu_count() or 1),
                        help="notebooks run at once (default: VSW_NOTEBOOK_JOBS, else the number of CPU cores)")
    parser.add_argument("--times", help="file of each notebook's time in the last run: start the longest first")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1 (got {args.jobs})")
    os.makedirs(args.out, exist_ok=True)
    entries, failures = [], []
    jobs = min(args.jobs, len(args.notebooks))
    times = read_times(args.times)
    if jobs == 1:
        results = (run_one(path, args.out, args.kernel) for path in args.notebooks)
    else:
        pool = multiprocessing.get_context("spawn").Pool(jobs)
        # the workers take the notebooks in the order submitted: longest first (with --times), else as given
        pending = {path: pool.apply_async(run_task, ((path, args.out, args.kernel),)) for path in start_order(args.notebooks, times)}
        results = (pending[path].get() for path in args.notebooks)  # in the order given, each once it is done
    for path, (ok, message, title, elapsed) in zip(args.notebooks, results):
        print(message, file=sys.stderr if not ok else sys.stdout, flush=True)
        name = os.path.splitext(os.path.basename(path))[0]
        entries.append((name, title, ok))
        times[name] = elapsed
        if not ok:
            failures.append(path)
    if args.times:
        write_times(args.times, times, 1)
    if jobs > 1:
        pool.close()
        pool.join()
    write_index(args.out, entries)
    if failures:
        print(f"nbrun: {len(failures)} notebook(s) failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    print(f"nbrun: {len(entries)} notebook(s) executed; HTML in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())

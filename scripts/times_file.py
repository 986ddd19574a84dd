"""The "seconds<TAB>name" files in which the test runner (shard-tests.py) and the notebook runner (nbrun.py)
keep each file's time of the last run, to balance and order the next one."""
import os


def read_times(path):
    """Name -> seconds from a times file (a missing file, or lines that do not parse, are ignored)."""
    times = {}
    if path and os.path.exists(path):
        for line in open(path, encoding="utf8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2:
                try:
                    times[parts[1]] = float(parts[0])
                except ValueError:
                    pass
    return times


def write_times(path, times, digits):
    """Write name -> seconds sorted by name, atomically (a temporary file renamed over the old one)."""
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf8") as out:
        for name in sorted(times):
            out.write(f"{times[name]:.{digits}f}\t{name}\n")
    os.replace(tmp, path)

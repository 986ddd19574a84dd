#!/usr/bin/python3
"""Split test files into shards of about equal time, for scripts/test.sh.

  shard-tests.py SHARDS TIMES_FILE FILE...   prints "SHARD<TAB>FILE" per file: greedy, longest first, onto the
                                             shard with the least time so far; a file's time is its duration in
                                             the last run (TIMES_FILE, "seconds<TAB>file" lines), else its size
                                             in bytes scaled to seconds (a first run, or a new file).
  shard-tests.py --record TIMES_FILE TAP...  writes each file's duration from the TAP of a run to TIMES_FILE.
"""
import os
import re
import sys

from times_file import read_times, write_times

BYTES_PER_SECOND = 20_000  # first-run guess from a file's size: about 1 s per 20 kB of test code


def shard(count, times_file, files):
    times = read_times(times_file)
    weight = {f: times.get(f, os.path.getsize(f) / BYTES_PER_SECOND) for f in files}
    totals = [0.0] * count
    out = []
    for f in sorted(files, key=lambda f: (-weight[f], f)):
        k = min(range(count), key=lambda i: (totals[i], i))
        totals[k] += weight[f]
        out.append((k, f))
    for k, f in sorted(out, key=lambda x: (x[0], x[1])):
        print(f"{k}\t{f}")


def record(times_file, taps):
    """Top-level TAP entries are the files (run-tests-in-process.ts wraps each in a describe named by its path)."""
    times = read_times(times_file)
    for tap in taps:
        lines = open(tap, encoding="utf8").read().split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"^(?:not )?ok \d+ - (tests/\S+\.test\.ts)$", line)
            if not m:
                continue
            for follow in lines[i + 1 : i + 6]:
                d = re.match(r"^  duration_ms: ([\d.]+)", follow)
                if d:
                    times[m.group(1)] = float(d.group(1)) / 1000
                    break
    write_times(times_file, times, 3)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--record":
        record(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 4:
        shard(int(sys.argv[1]), sys.argv[2], sys.argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)

"""pandas baseline for bench/pilot.bench.ts: the pilot aggregation the ordinary pandas way.

read_csv (all columns as text), drop blank responses, merge with the instrument table to mark positive
responses and scores, groupby (LA, period, instrument, item) -> n, positive, mean, sd. No validation and no
keyed hashing of respondent ids (the workbench does both), so the comparison favours pandas.

Usage: python3 bench/pilot_pandas.py RECORDS.csv ITEMS.json
(ITEMS.json: [{instrument, item, responses, positive, scores}], one entry per item, written by the bench)
Prints one JSON line: seconds (wall) and cpu (process time) of the aggregation itself, after `import pandas`,
the sums used to check agreement, and the pandas version.
"""
import json
import sys
import time

import pandas as pd


def lookup_table(items_file):
    """One row per (instrument, item, response) with positive and score (items_file: written by the bench)."""
    items = json.load(open(items_file, encoding="utf-8"))
    return pd.DataFrame([
        {"instrument": it["instrument"], "item": it["item"], "response": r,
         "positive": r in it["positive"], "score": (it["scores"][i] if it["scores"] else float("nan"))}
        for it in items for i, r in enumerate(it["responses"])])


def main():
    records_file, items_file = sys.argv[1], sys.argv[2]
    lookup = lookup_table(items_file)
    t0 = time.perf_counter()
    c0 = time.process_time()
    df = pd.read_csv(records_file, dtype=str, keep_default_na=False)
    df = df[df["response"] != ""]
    df = df.merge(lookup, on=["instrument", "item", "response"], how="left")
    g = df.groupby(["la_code", "period", "instrument", "item"], sort=True).agg(
        n=("positive", "size"), positive=("positive", "sum"), mean=("score", "mean"), sd=("score", "std"))
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(json.dumps({"seconds": seconds, "cpu": cpu, "n": int(g["n"].sum()), "positive": int(g["positive"].sum()),
                      "groups": len(g), "pandas": pd.__version__}))


if __name__ == "__main__":
    main()

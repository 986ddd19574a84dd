"""Extract PHEindicatormethods' rate-funnel test fixtures (expected values only) into one JSON.

Source: github.com/ukhsa-collaboration/PHEindicatormethods @093fd288d8f8949dbcfbed70049dbbf385b6141d (v2.1.0),
tests/testthat/testdata_funnel_rate_outputs.csv (dsr, years_of_data = 3), testdata_funnel_rate_outputs_3.csv
(crude with a denominator, years_of_data = 3) and testdata_funnel_rate_dsr_inputs.csv (assign_funnel_significance
labels). Usage: python3 extract-phe-funnel-fixtures.py DIR_WITH_THE_CSVS > fixtures/phe-funnel-rate.json
"""
import csv, json, sys, os

d = sys.argv[1]
def rows(name):
    with open(os.path.join(d, name), newline="") as f:
        return list(csv.DictReader(f))

def limits(name):
    r = rows(name)
    cols = ["Events", "lower_2s_population_1_year", "lower_2s_limit", "upper_2s_population_1_year", "upper_2s_limit",
            "lower_3s_population_1_year", "lower_3s_limit", "upper_3s_population_1_year", "upper_3s_limit"]
    return {"baseline": float(r[0]["baseline"]), "statistic": r[0]["statistic"],
            **{c: [float(x[c]) for x in r] for c in cols}}

sig = rows("testdata_funnel_rate_dsr_inputs.csv")
out = {
    "source": "PHEindicatormethods v2.1.0 @093fd288 tests/testthat (expected values of calculate_funnel_limits and assign_funnel_significance)",
    "multiplier": 100000, "years_of_data": 3,
    "dsr": limits("testdata_funnel_rate_outputs.csv"),
    "crude_with_denominator": limits("testdata_funnel_rate_outputs_3.csv"),
    "significance_crude_per_100000_with_0": {
        "count": [int(x["count"]) for x in sig],
        "pop": [int(x["pop"]) for x in sig],
        "label": [x["crude_per_100000_with_0"] for x in sig],
    },
}
json.dump(out, sys.stdout, indent=1)

"""Write tests/reference/fixtures/ofsted-overall-2025.csv from the official Ofsted ODS.

Provenance: ../shared/data/official/ofsted/LA_Inspection_Outcomes_as_at_31_March_2025.ods (Ofsted,
"Local authority inspection outcomes as at 31 March 2025", published 25 September 2025, OGL v3),
sheet "Inspections_as_at_31_March", columns "Local authority area code" and "Overall effectiveness".
Grades: 1 Outstanding, 2 Good, 3 Requires improvement to be good, 4 Inadequate.
R (base + MASS) cannot read .ods, so this script (standard library only) extracts the LA-level grade
vector once; the R reference script reads the CSV. LA-level published data; nothing record-level.

Run from the project root: python3 tests/reference/extract-ofsted-grades.py
"""
import csv
import sys
import xml.etree.ElementTree as ET
import zipfile

SRC = "../shared/data/official/ofsted/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
OUT = "tests/reference/fixtures/ofsted-overall-2025.csv"
SHEET = "Inspections_as_at_31_March"
GRADES = {"Outstanding": 1, "Good": 2, "Requires improvement to be good": 3, "Inadequate": 4}
T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
X = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

root = ET.fromstring(zipfile.ZipFile(SRC).read("content.xml"))
rows = []
for table in root.iter(f"{{{T}}}table"):
    if table.get(f"{{{T}}}name") != SHEET:
        continue
    for row in table.iter(f"{{{T}}}table-row"):
        cells = []
        for cell in row.iter(f"{{{T}}}table-cell"):
            rep = min(int(cell.get(f"{{{T}}}number-columns-repeated", "1")), 20)
            text = " ".join("".join(p.itertext()) for p in cell.iter(f"{{{X}}}p"))
            cells += [text] * rep
        rows.append(cells)
header_at = next(i for i, r in enumerate(rows) if "Local authority area code" in r)
header = rows[header_at]
code_i = header.index("Local authority area code")
oe_i = header.index("Overall effectiveness")
out = []
for r in rows[header_at + 1:]:
    if len(r) <= oe_i or not r[code_i].startswith("E"):
        continue
    if r[oe_i] not in GRADES:
        sys.exit(f"unexpected grade {r[oe_i]!r} for {r[code_i]}")
    out.append((r[code_i], GRADES[r[oe_i]]))
with open(OUT, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["la_code", "overall_effectiveness"])
    w.writerows(sorted(out))
print(f"wrote {len(out)} LAs to {OUT}")

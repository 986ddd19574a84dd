# Reference values for tests/vitals/selection-error-bound.test.ts: the error bounds selectVitalSigns publishes
# (results.json selection.error_bound), recomputed from the (q, p, tau, B) it published with the formulas of
# tests/reference/stability-bounds.R (its function definitions are read from that script, nothing else of it runs).
# The inputs are those of the test's world (150 LAs, 25 indicators, one of them constant and so not selectable;
# seed 42, 300 resamples = 150 complementary pairs): q = 979 passes / 300 usable resamples, p = 24 selectable
# indicators, at the thresholds 0.6, 0.75 and 0.9. If the resampling changes on purpose, the test says which q it
# now publishes: put it here and re-run.
# Writes tests/reference/fixtures/selection-error-bound.json. Run: Rscript tests/reference/selection-error-bound.R (R 4.2.2)
definitions <- parse("tests/reference/stability-bounds.R")
for (e in definitions) {
  if (is.call(e) && identical(e[[1]], as.name("<-")) && is.call(e[[3]]) && identical(e[[3]][[1]], as.name("function"))) eval(e)
}
stopifnot(all(vapply(c("mb", "unimodal", "rconcave"), exists, TRUE)))
q <- 979 / 300; p <- 24; B <- 150
num <- function(v) if (is.na(v)) "null" else sprintf("%.17g", v)
rows <- vapply(c(0.6, 0.75, 0.9), function(tau) sprintf('{"q": %s, "p": %s, "threshold": %s, "pairs": %s, "none": %s, "unimodal": %s, "r_concave": %s}',
  num(q), num(p), num(tau), num(B), num(mb(q, p, tau)), num(unimodal(q, p, tau, B)), num(rconcave(q, p, tau, B))), "")
out <- sprintf('{\n  "meta": {"r_version": "%s", "script": "tests/reference/selection-error-bound.R", "tolerance": 1e-6},\n  "cases": [\n    %s\n  ]\n}\n',
  R.version.string, paste(rows, collapse = ",\n    "))
writeLines(out, "tests/reference/fixtures/selection-error-bound.json", sep = "")
cat(out)

# Reference values for tests/disclosure/derived-counts.test.ts: Wilson intervals of x of n as R computes them
# (prop.test without continuity correction, the interval lib/indicators/intervals.ts wilsonInterval gives), written as
# write.csv writes numbers (15 significant digits), as a researcher's own table of shares without denominators would be.
# Run from the repository root: Rscript tests/disclosure/reference/wilson-bounds.R
# Made with R 4.2 (R.version.string is written into the file's first line).
cases <- data.frame(
  x = c(301, 302, 283, 283, 25, 24, 0, 7, 1199, 53, 447, 99999),
  n = c(2971, 2972, 2177, 2178, 40, 39, 120, 7, 14080, 106, 668, 100000)
)
rows <- lapply(seq_len(nrow(cases)), function(i) {
  x <- cases$x[i]; n <- cases$n[i]
  for (conf in c(0.95, 0.998)) {
    ci <- suppressWarnings(prop.test(x, n, conf.level = conf, correct = FALSE))$conf.int
    if (conf == 0.95) a <- ci else b <- ci
  }
  data.frame(x = x, n = n, value = 100 * x / n, lower95 = 100 * a[1], upper95 = 100 * a[2], lower998 = 100 * b[1], upper998 = 100 * b[2])
})
out <- do.call(rbind, rows)
path <- "tests/disclosure/reference/wilson-bounds.csv"
writeLines(paste("#", R.version.string), path)
suppressWarnings(write.table(out, path, sep = ",", row.names = FALSE, append = TRUE))

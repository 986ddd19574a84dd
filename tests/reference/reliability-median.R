# Reference value for tests/vitals/reliability-median.test.ts: the year-to-year reliability of an indicator is the
# median of the Pearson correlations of consecutive periods (lib/vitals/reliability.ts yearToYearReliability).
# Seven periods of 12 LAs; the fourth period is constant, so its two pairs have no correlation (R's cor gives NA
# with a warning) and are left out, leaving four pairs with four different r's: an even count, so the median is
# the mean of the middle two and differs from the smallest, the largest and the mean of the four.
# Writes tests/reference/fixtures/reliability-median.json. Run: Rscript tests/reference/reliability-median.R (R 4.2.2, base R only)
set.seed(20261206)
las <- 12
base <- rnorm(las)
noisy <- function(sd) round(base + rnorm(las, sd = sd), 3)
periods <- 2018:2024
values <- list(noisy(0.2), noisy(0.5), noisy(1), rep(7, las), noisy(0.3), noisy(2), noisy(0.8))
pair_r <- suppressWarnings(vapply(2:length(values), function(k) cor(values[[k - 1]], values[[k]]), 0))
kept <- !is.na(pair_r)
stopifnot(sum(kept) == 4, length(unique(pair_r[kept])) == 4)
r <- median(pair_r[kept])
stopifnot(r != min(pair_r[kept]), r != max(pair_r[kept]), abs(r - mean(pair_r[kept])) > 1e-3)
num <- function(z) if (length(z) == 1 && is.na(z)) "null" else paste0("[", paste(ifelse(is.na(z), "null", sprintf("%.17g", z)), collapse = ", "), "]")
json <- paste0("{\n  \"r_version\": \"", R.version.string, "\",\n  \"script\": \"tests/reference/reliability-median.R\",\n  \"tolerance\": 1e-12,\n",
  "  \"periods\": ", num(periods), ",\n",
  "  \"values\": [\n    ", paste(vapply(values, num, ""), collapse = ",\n    "), "\n  ],\n",
  "  \"pair_r\": ", num(pair_r), ",\n",
  "  \"median_r\": ", sprintf("%.17g", r), "\n}\n")
writeLines(json, "tests/reference/fixtures/reliability-median.json", sep = "")
cat("pair r", pair_r, "median", r, "\n")

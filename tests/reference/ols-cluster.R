# Reference values for lib/stats/ols-cluster.ts (pooled least squares with standard errors clustered by unit,
# as `vital-signs holdout` screens its training LA-years).
#
#   Rscript tests/reference/ols-cluster.R
#
# Reads the two panel fixtures already committed (tests/reference/fixtures/panel-synthetic.csv: 8 units,
# unbalanced; panel-official.csv: LA-years of the official package, see panel.R) and writes
# tests/reference/fixtures/ols-cluster.json. Tests read that file and never call R.
# Needs R 4.2.2 with sandwich 3.0-2 and lmtest 0.9-40 (Debian r-cran-sandwich, r-cran-lmtest).
#
# Per case: fit <- lm(y ~ x1 + x2) (or y ~ x2) on the complete rows;
#   V <- sandwich::vcovCL(fit, cluster = unit, type = "HC1")  # G/(G-1) * (n-1)/(n-K) * bread meat bread
#   lmtest::coeftest(fit, vcov = V, df = G - 1)                 # t on G - 1 df
# Cases: the synthetic panel; the synthetic panel with a unit reduced to one row (a singleton cluster); the official
# panel with both predictors (rows with any missing value dropped); the official panel on x2 alone.

suppressPackageStartupMessages({ library(sandwich); library(lmtest) })
options(warn = 1)

num_json <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
fit_case <- function(d, formula) {
  d <- d[complete.cases(d[, all.vars(formula)]), ]
  fit <- lm(formula, data = d)
  G <- length(unique(d$unit))
  V <- vcovCL(fit, cluster = d$unit, type = "HC1")
  ct <- coeftest(fit, vcov = V, df = G - 1)
  paste0(
    "{ \"formula\": \"", deparse(formula), "\", \"n\": ", nrow(d), ", \"clusters\": ", G,
    ", \"estimate\": [", paste(num_json(ct[, 1]), collapse = ", "), "]",
    ", \"se\": [", paste(num_json(ct[, 2]), collapse = ", "), "]",
    ", \"t\": [", paste(num_json(ct[, 3]), collapse = ", "), "]",
    ", \"p\": [", paste(num_json(ct[, 4]), collapse = ", "), "] }"
  )
}

syn <- read.csv("tests/reference/fixtures/panel-synthetic.csv")
syn_single <- syn[!(syn$unit == "B" & syn$time != min(syn$time[syn$unit == "B"])), ]
off <- read.csv("tests/reference/fixtures/panel-official.csv", colClasses = c(unit = "character"))
cases <- c(
  paste0("\"synthetic\": ", fit_case(syn, y ~ x1 + x2)),
  paste0("\"synthetic-singleton\": ", fit_case(syn_single, y ~ x1 + x2)),
  paste0("\"official\": ", fit_case(off, y ~ x1 + x2)),
  paste0("\"official-x2\": ", fit_case(off, y ~ x2))
)
writeLines(c(
  "{",
  paste0(" \"generator\": \"tests/reference/ols-cluster.R, ", R.version.string, ", sandwich ", packageVersion("sandwich"), ", lmtest ", packageVersion("lmtest"), "\","),
  paste0(" ", paste(cases, collapse = ",\n ")),
  "}"
), "tests/reference/fixtures/ols-cluster.json")
cat("wrote tests/reference/fixtures/ols-cluster.json\n")

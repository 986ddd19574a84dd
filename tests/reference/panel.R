# Reference values for lib/stats/panel.ts (two-way fixed effects with cluster-robust SEs by unit).
#
# Run from the project root, after importing the official package:
#   npm run build && node bin/vital-signs.js import ../shared/data/official --out /tmp/h-panel-england
#   Rscript tests/reference/panel.R [/tmp/h-panel-england]
# Writes tests/reference/panel-reference.json and the two panel fixtures in tests/reference/fixtures/
# (panel-synthetic.csv, panel-official.csv). Tests read those files and never call R.
# Needs R 4.2.2 with plm 2.6-2, sandwich 3.0-2, lmtest 0.9-40 (Debian r-cran-plm, r-cran-sandwich,
# r-cran-lmtest); jsonlite is not needed.
#
# Conventions computed (per regressor: coefficient, SE, t, p):
#  - hc0: plm(model = "within", effect = "twoways") + lmtest::coeftest(fit, vcov = vcovHC(fit, type = "HC0",
#    cluster = "group")) -- p from t on df.residual(fit) = n - k - N - T + 1.
#  - cr1: fixest's default ssc convention (fixest is not packaged for Debian, so it is computed from its formula;
#    reghdfe's K is one less, see panel-cr1-k.R):
#    V = vcovCL(LSDV lm, cluster = unit, type = "HC0", cadjust = TRUE) * (n - 1)/(n - K), K = k + T (fixest
#    ssc(fixef.K = "nested"): unit effects nested in the clusters are not counted), on the sample without
#    singleton units (as reghdfe); p from t on G - 1 df. The script checks that this equals
#    plm's HC0 matrix * (n - 1)/(n - K) * G/(G - 1).
#  - between: plm(model = "between") coefficients and cor() of unit means.
# options(plm.fast = FALSE): plm's exact base-R within transformation for unbalanced two-way panels
# (W1 - lm.fit(WDmu, x)) instead of collapse's iterative demeaning, so the references are exact.

suppressPackageStartupMessages({ library(plm); library(sandwich); library(lmtest) })
options(warn = 1, plm.fast = FALSE)

# ---------- tiny JSON writer (as in make-reference.R) ----------
num_json <- function(x) {
  ifelse(is.na(x), "null",
    ifelse(is.infinite(x), ifelse(x > 0, "\"Inf\"", "\"-Inf\""), sprintf("%.17g", x)))
}
to_json <- function(x, indent = 0) {
  pad <- strrep(" ", indent)
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      items <- mapply(function(k, v) paste0(pad, " ", "\"", k, "\": ", to_json(v, indent + 1)), names(x), x)
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", pad, "}"))
    }
    items <- vapply(x, function(v) to_json(v, indent + 1), "")
    return(paste0("[", paste(items, collapse = ", "), "]"))
  }
  as_array <- inherits(x, "AsIs") || length(x) != 1
  if (is.character(x)) vals <- ifelse(is.na(x), "null", paste0("\"", gsub("\"", "\\\\\"", x), "\""))
  else if (is.logical(x)) vals <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  else vals <- num_json(as.numeric(x))
  if (as_array) paste0("[", paste(vals, collapse = ", "), "]") else vals
}
A <- function(x) I(x)

# ---------- the two-way FE fit in both conventions ----------
panel_reference <- function(d, xs) {
  d <- d[complete.cases(d[, c("y", xs)]), ]
  # singletons: units with one complete observation (none of the fixtures has a singleton year)
  counts <- table(d$unit)
  singles <- names(counts)[counts == 1]
  ds <- d[!(d$unit %in% singles), ]
  stopifnot(all(table(ds$time) > 1))
  f <- as.formula(paste("y ~", paste(xs, collapse = " + ")))
  pd <- pdata.frame(d, index = c("unit", "time"))
  fit <- plm(f, data = pd, model = "within", effect = "twoways")
  V0 <- vcovHC(fit, type = "HC0", cluster = "group")
  ct <- coeftest(fit, vcov = V0)
  k <- length(xs)
  n <- nrow(ds); G <- length(unique(ds$unit)); Tn <- length(unique(ds$time))
  K <- k + Tn
  factor_cr1 <- (n - 1) / (n - K) * G / (G - 1)
  # independent CR1 from the least-squares dummy-variable fit (sandwich::vcovCL)
  lsdv <- lm(as.formula(paste("y ~", paste(xs, collapse = " + "), "+ factor(unit) + factor(time)")), data = ds)
  stopifnot(isTRUE(all.equal(unname(coef(lsdv)[xs]), unname(coef(fit)[xs]), tolerance = 1e-10)))
  Vcl <- vcovCL(lsdv, cluster = ~unit, type = "HC0", cadjust = TRUE)[xs, xs, drop = FALSE] * (n - 1) / (n - K)
  stopifnot(isTRUE(all.equal(as.vector(Vcl), as.vector(V0[xs, xs] * factor_cr1), tolerance = 1e-10)))
  se1 <- sqrt(diag(Vcl)); t1 <- coef(fit)[xs] / se1
  # between
  means <- aggregate(d[, c("y", xs)], by = list(unit = d$unit), FUN = mean)
  bfit <- plm(f, data = pd, model = "between")
  list(
    regressors = A(xs),
    coef = A(unname(coef(fit)[xs])),
    hc0 = list(se = A(unname(ct[xs, 2])), t = A(unname(ct[xs, 3])), p = A(unname(ct[xs, 4])),
               df = df.residual(fit), vcov = A(as.vector(V0[xs, xs]))),
    cr1 = list(se = A(unname(se1)), t = A(unname(t1)), p = A(unname(2 * pt(-abs(t1), G - 1))), df = G - 1,
               factor = factor_cr1, K = K, vcov = A(as.vector(Vcl))),
    n = n, n_units = G, n_times = Tn, singleton_units = length(singles), n_complete = nrow(d),
    within_r2 = unname(summary(fit)$r.squared[["rsq"]]),
    rss = sum(residuals(fit)^2),
    between = list(r = A(unname(sapply(xs, function(x) cor(means[[x]], means$y)))),
                   coef = A(unname(coef(bfit))), se = A(unname(coef(summary(bfit))[, 2])),
                   n_units = nrow(means))
  )
}

out <- list()

# ---------- (a) synthetic: unbalanced, missing years, a singleton, a missing value ----------
set.seed(20260401)
units <- LETTERS[1:8]; years <- 2015:2020
grid <- expand.grid(time = years, unit = units, stringsAsFactors = FALSE)[, c("unit", "time")]
drop <- (grid$unit == "B" & grid$time == 2017) | (grid$unit == "C" & grid$time > 2017) |
  (grid$unit == "D" & grid$time %in% c(2016, 2019)) | (grid$unit == "E" & grid$time != 2018) |
  (grid$unit == "G" & grid$time == 2020) | (grid$unit == "H" & grid$time == 2015)
syn <- grid[!drop, ]
ue <- setNames(rnorm(8, sd = 2), units); te <- setNames(rnorm(6), years)
syn$x1 <- round(0.5 * ue[syn$unit] + rnorm(nrow(syn)), 3)
syn$x2 <- round(rnorm(nrow(syn)) + 0.3 * te[as.character(syn$time)], 3)
syn$y <- round(0.8 * syn$x1 - 0.4 * syn$x2 + ue[syn$unit] + te[as.character(syn$time)] + rnorm(nrow(syn), sd = 0.5), 3)
syn$x2[5] <- NA
rownames(syn) <- NULL
write.csv(syn[, c("unit", "time", "y", "x1", "x2")], "tests/reference/fixtures/panel-synthetic.csv", row.names = FALSE, na = "")
out$synthetic_two <- panel_reference(syn, c("x1", "x2"))
out$synthetic_x1 <- panel_reference(syn, "x1")

# a tiny balanced panel (3 units x 3 years), also checked by hand in the test
tiny <- data.frame(unit = rep(c("a", "b", "c"), each = 3), time = rep(2019:2021, 3),
                   y = c(1, 2, 4, 2, 3, 6, 3, 5, 6), x1 = c(0, 1, 2, 0, 1, 3, 1, 2, 2))
out$tiny <- panel_reference(tiny, "x1")
out$tiny_data <- list(unit = A(tiny$unit), time = A(tiny$time), y = A(tiny$y), x1 = A(tiny$x1))

# ---------- (b) official: care leavers 19-21 in EET vs social worker turnover and repeat plans ----------
args <- commandArgs(trailingOnly = TRUE)
pkg <- if (length(args) >= 1) args[[1]] else "/tmp/h-panel-england"
ind <- read.csv(file.path(pkg, "indicators.csv"), stringsAsFactors = FALSE, colClasses = c(value = "character"))
series <- function(id) {
  s <- ind[ind$indicator == id, c("la_code", "period", "value")]
  s$value <- suppressWarnings(as.numeric(s$value)) # empty = missing (reason in status)
  setNames(s, c("unit", "time", id))
}
ids <- c(y = "care_leavers_eet_19_21_pct", x1 = "csww_turnover_pct", x2 = "cpp_second_time_pct")
off <- Reduce(function(a, b) merge(a, b, by = c("unit", "time"), all = TRUE), lapply(ids, series))
names(off) <- c("unit", "time", names(ids))
off <- off[order(off$unit, off$time), ]
write.csv(off, "tests/reference/fixtures/panel-official.csv", row.names = FALSE, na = "")
out$official_two <- panel_reference(off, c("x1", "x2"))
out$official_x1 <- panel_reference(off, "x1")
out$official_x2 <- panel_reference(off, "x2")
out$official_ids <- as.list(ids)

out$meta <- list(
  r = R.version.string, plm = as.character(packageVersion("plm")),
  sandwich = as.character(packageVersion("sandwich")), lmtest = as.character(packageVersion("lmtest")),
  package = pkg, tolerance = 1e-8
)
writeLines(to_json(out), "tests/reference/panel-reference.json")
cat("wrote tests/reference/panel-reference.json\n")

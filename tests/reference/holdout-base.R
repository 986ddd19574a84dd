# Reference values for the continuous hold-out's training pairs, context and R² base (lib/vitals/holdout.ts,
# lib/vitals/holdout-inputs.ts), on the official package: care leavers 19–21 in EET, trained until 2022
#   vital-signs holdout PKG --outcome care_leavers_eet_19_21_pct --train-until 2022
#   vital-signs holdout PKG --outcome care_leavers_eet_19_21_pct --train-until 2022 --context idaci_score,cin_rate_per_10k
# Run from the project root after importing the official package (the reference import of main):
#   Rscript tests/reference/holdout-base.R /work/ref/import-base
# Writes tests/reference/holdout-base-reference.json (R version and values); tests never call R.
#
# What it checks: the context-only model is lm(y_{t+1} ~ context) on the training pairs, one per LA and outcome year
# t + 1 ≤ 2022 — the first outcome year (2014, t = 2013) too: t need not be an outcome year — whose LA has a value of
# every context variable up to 2022. Each pair's context is read for its year t: the value of t, else the nearest
# year's up to 2022 (the earlier on a tie); predictions and neighbours read it for 2022. IDACI and IMD are of 2019
# only, so every year reads 2019; the CIN rate (2013–2025) reads its own year, and never 2023–2025. Training pairs
# with an outcome but no context are in no fit. Its out-of-sample RMSE on the scored test LA-years reproduces the
# workbench's, and its R² = 1 − SSE / Σ(y − ȳ)² is computed with ȳ the mean of the fitted pairs (the workbench's)
# and the mean of every training outcome. The scored test rows are the LA-years of 2023–2025 with an outcome,
# context, a last outcome up to 2022 (persistence) and the vital signs chosen on the training data in 2022 (the
# workbench's choice, listed below; the neighbour median has a value for every LA with context here, so it removes
# none). Persistence's R² (the same ȳ) is given for the first case. It also counts, for the verdict's "scored on …
# of …", the later LA-years and LAs with an outcome, for EET and for KS4 attainment (both after 2022).
# Before round 23 the pairs needed t to be an outcome year (1,127 fitted, context-only R² 0.066610) and each LA's
# latest context value was read for every year (with the CIN rate: its 2025 value; R² 0.006239).

args <- commandArgs(trailingOnly = TRUE)
pkg <- if (length(args) >= 1) args[[1]] else "/work/ref/import-base"
ind <- read.csv(file.path(pkg, "indicators.csv"), stringsAsFactors = FALSE, colClasses = c(value = "character"))
ind$value <- suppressWarnings(as.numeric(ind$value))
ctx <- read.csv(file.path(pkg, "context.csv"), stringsAsFactors = FALSE, colClasses = c(value = "character"))
ctx$value <- suppressWarnings(as.numeric(ctx$value))

outcome <- "care_leavers_eet_19_21_pct"
train_until <- 2022
cases <- list(
  deprivation = list(context = c("idaci_score", "imd_score"),
    chosen = c("lait_cin_engmaths9_5", "lait_lac_ind_sind_liv_arr", "lait_cin_engbacentries", "cla_persistent_absence_pct")),
  cin = list(context = c("idaci_score", "cin_rate_per_10k"),
    chosen = c("lait_cin_engmaths9_5", "lait_cin_engbacentries", "lait_lac_ind_sind_liv_arr", "cla_persistent_absence_pct", "cla_ks4_eng_maths_4plus_pct"))
)

value_of <- function(id) {
  s <- ind[ind$indicator == id & !is.na(ind$value), ]
  setNames(s$value, paste(s$la_code, s$period))
}
y <- value_of(outcome)
las <- sort(unique(c(ind$la_code, sub(" .*", "", names(y)))))
years <- sort(unique(as.numeric(sub(".* ", "", names(y)))))

# a context variable (context.csv, or a need indicator allowed for) read for `year`, never after train_until
points_of <- function(variable) {
  s <- if (variable %in% ctx$variable) ctx[ctx$variable == variable, ] else ind[ind$indicator == variable, c("la_code", "period", "value")]
  s[!is.na(s$value) & s$period <= train_until, ]
}
context_at <- function(pts, la, year) {
  mapply(function(l, t) {
    p <- pts[pts$la_code == l, ]
    if (nrow(p) == 0) return(NA_real_)
    d <- abs(p$period - t) + ifelse(p$period > t, 0.5, 0)
    p$value[which.min(d)]
  }, la, year)
}

# training pairs (i, t): every outcome year t + 1 <= train_until
pairs <- expand.grid(t = years[years <= train_until] - 1, la = las, stringsAsFactors = FALSE)
pairs$y <- unname(y[paste(pairs$la, pairs$t + 1)])
with_outcome <- pairs[!is.na(pairs$y), ]
last_y <- sapply(las, function(la) { v <- y[paste(la, rev(years[years <= train_until]))]; v <- v[!is.na(v)]; if (length(v) == 0) NA else v[[1]] })

run_case <- function(case) {
  tr <- with_outcome
  for (v in case$context) tr[[v]] <- context_at(points_of(v), tr$la, tr$t)
  fitted_rows <- tr[complete.cases(tr[, case$context]), ]
  fit <- lm(reformulate(case$context, "y"), data = fitted_rows)
  stopifnot(nobs(fit) == nrow(fitted_rows))
  test <- expand.grid(t = years[years > train_until], la = las, stringsAsFactors = FALSE)
  test$y <- unname(y[paste(test$la, test$t)])
  for (v in case$context) test[[v]] <- context_at(points_of(v), test$la, rep(train_until, nrow(test)))
  test$last <- unname(last_y[test$la])
  for (id in case$chosen) test[[id]] <- unname(value_of(id)[paste(test$la, train_until)])
  test <- test[complete.cases(test), ]
  pred <- predict(fit, newdata = test)
  sse <- sum((test$y - pred)^2)
  r2 <- function(p, base) 1 - sum((test$y - p)^2) / sum((test$y - base)^2)
  no_context <- tr[!complete.cases(tr[, case$context]), ]
  list(
    n_training_outcomes = nrow(tr), n_fitted = nrow(fitted_rows), n_test = nrow(test), n_test_las = length(unique(test$la)),
    rmse_context_only = sqrt(sse / nrow(test)),
    r2_context_only_fitted_mean = r2(pred, mean(fitted_rows$y)),
    r2_context_only_all_training_mean = r2(pred, mean(tr$y)),
    r2_persistence = r2(test$last, mean(fitted_rows$y)),
    left_out = paste(sort(unique(no_context$la)), collapse = ","),
    n_left_out = nrow(no_context)
  )
}
results <- lapply(cases, run_case)

# the verdict's denominators: later LA-years with an outcome, and LAs with one (KS4 attainment of looked-after
# children trained until 2022 was scored on 151 of them, 51 LAs)
with_outcome_after <- function(id) {
  s <- ind[ind$indicator == id & !is.na(ind$value) & ind$period > train_until, ]
  sprintf("{ \"la_years\": %d, \"las\": %d }", nrow(s), length(unique(s$la_code)))
}
case_json <- function(name) {
  r <- results[[name]]
  paste0(sprintf("  \"%s\": {\n    \"context\": \"%s\",\n", name, paste(cases[[name]]$context, collapse = ",")),
    sprintf("    \"n_training_outcomes\": %d,\n    \"n_fitted\": %d,\n    \"n_test\": %d,\n    \"n_test_las\": %d,\n", r$n_training_outcomes, r$n_fitted, r$n_test, r$n_test_las),
    sprintf("    \"rmse_context_only\": %.17g,\n    \"r2_context_only_fitted_mean\": %.17g,\n    \"r2_context_only_all_training_mean\": %.17g,\n", r$rmse_context_only, r$r2_context_only_fitted_mean, r$r2_context_only_all_training_mean),
    sprintf("    \"r2_persistence\": %.17g,\n    \"n_left_out\": %d,\n    \"left_out\": \"%s\"\n  }", r$r2_persistence, r$n_left_out, r$left_out))
}

out <- c(
  sprintf("{\n  \"r\": \"%s\",\n  \"package\": \"%s\",", R.version.string, pkg),
  paste0(case_json("deprivation"), ","),
  paste0(case_json("cin"), ","),
  sprintf("  \"later_with_outcome\": { \"%s\": %s, \"cla_ks4_attainment8\": %s }\n}", outcome, with_outcome_after(outcome), with_outcome_after("cla_ks4_attainment8"))
)
writeLines(out, "tests/reference/holdout-base-reference.json")
cat(out, sep = "\n")

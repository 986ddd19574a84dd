# Reference values for the continuous hold-out's training N and R² base (lib/vitals/holdout.ts), on the official
# package: care leavers 19–21 in EET, trained until 2022, the walkthrough's run
#   vital-signs holdout PKG --outcome care_leavers_eet_19_21_pct --train-until 2022
# Run from the project root after importing the official package (the reference import of main):
#   Rscript tests/reference/holdout-base.R /work/ref/import-r16
# Writes tests/reference/holdout-base-reference.json (R version and values); tests never call R.
#
# What it checks: the context-only model is lm(y_{t+1} ~ idaci_score + imd_score) on the training pairs (t + 1 ≤
# 2022) whose LA has both context values (each LA's latest value, as contextByLa); training pairs with an outcome
# but no context are in no fit. Its out-of-sample RMSE on the scored test LA-years reproduces the workbench's, and
# its R² = 1 − SSE / Σ(y − ȳ)² is computed with ȳ the mean of the fitted pairs and, as the workbench did before,
# the mean of every training outcome. The scored test rows are the LA-years of 2023–2025 with an outcome, context,
# a last outcome up to 2022 (persistence) and the four vital signs chosen on the training data in 2022 (the
# neighbour median has a value for every LA with context here, so it removes none). It also counts, for the verdict's
# "scored on … of …", the later LA-years and LAs with an outcome, for EET and for KS4 attainment (both after 2022).

args <- commandArgs(trailingOnly = TRUE)
pkg <- if (length(args) >= 1) args[[1]] else "/work/ref/import-r16"
ind <- read.csv(file.path(pkg, "indicators.csv"), stringsAsFactors = FALSE, colClasses = c(value = "character"))
ind$value <- suppressWarnings(as.numeric(ind$value))
ctx <- read.csv(file.path(pkg, "context.csv"), stringsAsFactors = FALSE, colClasses = c(value = "character"))
ctx$value <- suppressWarnings(as.numeric(ctx$value))

outcome <- "care_leavers_eet_19_21_pct"
chosen <- c("lait_cin_engmaths9_5", "lait_lac_ind_sind_liv_arr", "lait_cin_engbacentries", "cla_persistent_absence_pct")
train_until <- 2022

value_of <- function(id) {
  s <- ind[ind$indicator == id & !is.na(ind$value), ]
  setNames(s$value, paste(s$la_code, s$period))
}
y <- value_of(outcome)
las <- sort(unique(c(ind$la_code, sub(" .*", "", names(y)))))
latest <- function(variable) {
  s <- ctx[ctx$variable == variable & !is.na(ctx$value), ]
  s <- s[order(s$la_code, -s$period), ]
  s <- s[!duplicated(s$la_code), ]
  setNames(s$value, s$la_code)[las]
}
idaci <- latest("idaci_score"); imd <- latest("imd_score")
years <- sort(unique(as.numeric(sub(".* ", "", names(y)))))

# training pairs (i, t): outcome in t + 1 <= train_until, t and t + 1 both outcome years
pairs <- expand.grid(t = years[years + 1 <= train_until & (years + 1) %in% years], la = las, stringsAsFactors = FALSE)
pairs$y <- unname(y[paste(pairs$la, pairs$t + 1)])
pairs$idaci <- unname(idaci[pairs$la]); pairs$imd <- unname(imd[pairs$la])
with_outcome <- pairs[!is.na(pairs$y), ]
fitted_rows <- with_outcome[!is.na(with_outcome$idaci) & !is.na(with_outcome$imd), ]
fit <- lm(y ~ idaci + imd, data = fitted_rows)
stopifnot(nobs(fit) == nrow(fitted_rows))

# scored test rows
test <- expand.grid(t = years[years > train_until], la = las, stringsAsFactors = FALSE)
test$y <- unname(y[paste(test$la, test$t)])
test$idaci <- unname(idaci[test$la]); test$imd <- unname(imd[test$la])
last_y <- sapply(las, function(la) { v <- y[paste(la, rev(years[years <= train_until]))]; v <- v[!is.na(v)]; if (length(v) == 0) NA else v[[1]] })
test$last <- unname(last_y[test$la])
for (id in chosen) test[[id]] <- unname(value_of(id)[paste(test$la, train_until)])
test <- test[complete.cases(test), ]
pred <- predict(fit, newdata = test)
sse <- sum((test$y - pred)^2)
r2 <- function(base) 1 - sse / sum((test$y - base)^2)

# the verdict's denominators: later LA-years with an outcome, and LAs with one (KS4 attainment of looked-after
# children trained until 2022 was scored on 151 of them, 51 LAs)
with_outcome_after <- function(id) {
  s <- ind[ind$indicator == id & !is.na(ind$value) & ind$period > train_until, ]
  sprintf("{ \"la_years\": %d, \"las\": %d }", nrow(s), length(unique(s$la_code)))
}

out <- c(
  sprintf("{\n  \"r\": \"%s\",\n  \"package\": \"%s\",", R.version.string, pkg),
  sprintf("  \"n_training_outcomes\": %d,\n  \"n_fitted\": %d,\n  \"n_test\": %d,\n  \"n_test_las\": %d,", nrow(with_outcome), nrow(fitted_rows), nrow(test), length(unique(test$la))),
  sprintf("  \"rmse_context_only\": %.17g,", sqrt(sse / nrow(test))),
  sprintf("  \"r2_context_only_fitted_mean\": %.17g,", r2(mean(fitted_rows$y))),
  sprintf("  \"r2_context_only_all_training_mean\": %.17g,", r2(mean(with_outcome$y))),
  sprintf("  \"later_with_outcome\": { \"%s\": %s, \"cla_ks4_attainment8\": %s },", outcome, with_outcome_after(outcome), with_outcome_after("cla_ks4_attainment8")),
  sprintf("  \"left_out\": \"%s\"\n}", paste(sort(unique(paste(with_outcome$la[is.na(with_outcome$idaci) | is.na(with_outcome$imd)]))), collapse = ","))
)
writeLines(out, "tests/reference/holdout-base-reference.json")
cat(out, sep = "\n")

# Reference values for tests/vitals/holdout-grades-scores.test.ts: the out-of-sample Brier score and log-loss of the
# two proportional-odds models of `vital-signs holdout` for an Ofsted grade (lib/vitals/holdout-grades.ts):
# context only (grade ~ idaci_score) and context + vital signs (grade ~ idaci_score + signal), each fitted with
# MASS::polr on the training judgements (every judgement attached to a year <= train-until), used to predict each
# LA's first judgement after train-until from that judgement's year's indicator. As the workbench does, the
# probabilities of a grade no training judgement had are 0 before the floor (polr is fitted on the grades seen),
# every probability is floored at 0.001 and the four renormalised to sum to 1; then
#   Brier = mean(rowSums((P - outer(g, 1:4, "=="))^2)), log-loss = -mean(log(P[cbind(rows, g)])).
# The synthetic package (seeded): 40 LAs, one context value each, the indicator `signal` for every LA-year
# 2016-2023, and one to three judgements per LA; no training judgement is a 1 (Outstanding) while some test
# judgements are, and some LAs have a second judgement after train-until (only the first is predicted).
# polr is run with optim's reltol at 1e-14 (its default stops earlier); the scores then agreed with the workbench's
# Newton fit to 3e-8 relative (context only) and 6e-10 (vital signs): the test's tolerance is 1e-6.
# Writes tests/reference/fixtures/holdout-grades-scores.json (the package's tables and the expected scores).
# Run: Rscript tests/reference/holdout-grades-scores.R (R 4.2.2, MASS 7.3-58.2)
suppressPackageStartupMessages(library(MASS))
set.seed(20261206)
las <- sprintf("E0800%04d", 1:40)
train_until <- 2020
idaci <- round(runif(40, 0.05, 0.4), 4)
quality <- rnorm(40)
grid <- expand.grid(period = 2016:2023, la = las, stringsAsFactors = FALSE)
grid$signal <- round(quality[match(grid$la, las)] + rnorm(nrow(grid), sd = 0.4), 3)
grade_of <- function(la, period) {
  i <- match(la, las)
  s <- grid$signal[grid$la == la & grid$period == period]
  latent <- -1.6 * s + 6 * idaci[i] + rlogis(1)
  as.integer(cut(latent, c(-Inf, -1.5, 0.5, 2.2, Inf)))
}
judgements <- do.call(rbind, lapply(las, function(la) {
  train_years <- sort(sample(2016:train_until, sample(1:2, 1)))
  test_years <- sort(sample((train_until + 1):2023, sample(1:2, 1, prob = c(0.7, 0.3))))
  years <- c(train_years, test_years)
  data.frame(la = la, period = years, grade = vapply(years, function(t) grade_of(la, t), 0L))
}))
# no training judgement is Outstanding
judgements$grade[judgements$period <= train_until & judgements$grade == 1] <- 2L
judgements$date <- sprintf("%d-01-15", judgements$period + 1)

train <- judgements[judgements$period <= train_until, ]
after <- judgements[judgements$period > train_until, ]
test <- after[!duplicated(after$la), ] # rows are in date order within an LA
stopifnot(!any(train$grade == 1), any(test$grade == 1), nrow(train) >= 30, any(duplicated(after$la)))
with_x <- function(d) {
  d$idaci <- idaci[match(d$la, las)]
  d$signal <- grid$signal[match(paste(d$la, d$period), paste(grid$la, grid$period))]
  d
}
train <- with_x(train); test <- with_x(test)

scores <- function(formula) {
  fit <- polr(formula, data = transform(train, grade = factor(grade)), method = "logistic",
              control = list(reltol = 1e-14, maxit = 10000))
  raw <- predict(fit, newdata = test, type = "probs")
  P <- matrix(0, nrow(test), 4)
  P[, as.integer(colnames(raw))] <- raw
  P <- pmax(P, 0.001)
  P <- P / rowSums(P)
  g <- test$grade
  list(brier = mean(rowSums((P - outer(g, 1:4, "=="))^2)), log_loss = -mean(log(P[cbind(seq_along(g), g)])),
       coefficients = unname(coef(fit)), thresholds = unname(fit$zeta))
}
context_only <- scores(grade ~ idaci)
vital_signs <- scores(grade ~ idaci + signal)

num <- function(z) paste0("[", paste(sprintf("%.17g", z), collapse = ", "), "]")
str <- function(z) paste0("[", paste0("\"", z, "\"", collapse = ", "), "]")
block <- function(s) sprintf("{\"brier\": %.17g, \"log_loss\": %.17g, \"coefficients\": %s, \"thresholds\": %s}", s$brier, s$log_loss, num(s$coefficients), num(s$thresholds))
json <- paste0("{\n  \"r_version\": \"", R.version.string, "\",\n  \"mass\": \"", packageVersion("MASS"), "\",\n",
  "  \"script\": \"tests/reference/holdout-grades-scores.R\",\n  \"tolerance\": 1e-6,\n  \"train_until\": ", train_until, ",\n",
  "  \"areas\": {\"la_code\": ", str(las), ", \"idaci_score\": ", num(idaci), "},\n",
  "  \"indicator\": {\"la_code\": ", str(grid$la), ", \"period\": ", num(grid$period), ", \"signal\": ", num(grid$signal), "},\n",
  "  \"judgements\": {\"la_code\": ", str(judgements$la), ", \"period\": ", num(judgements$period), ", \"date\": ", str(judgements$date), ", \"grade\": ", num(judgements$grade), "},\n",
  "  \"n_train\": ", nrow(train), ",\n  \"n_test\": ", nrow(test), ",\n  \"test_grades\": ", num(test$grade), ",\n",
  "  \"context_only\": ", block(context_only), ",\n  \"vital_signs\": ", block(vital_signs), "\n}\n")
writeLines(json, "tests/reference/fixtures/holdout-grades-scores.json", sep = "")
cat("train", nrow(train), "test", nrow(test), "test grades", table(test$grade), "\n")
str(context_only); str(vital_signs)

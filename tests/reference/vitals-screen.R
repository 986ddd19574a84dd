# Reference values for tests/vitals/screen.test.ts: the association screen computed the ordinary R way.
# Writes tests/reference/fixtures/vitals-screen.json (inputs and expected outputs).
# Run: Rscript tests/reference/vitals-screen.R   (R 4.2.2, MASS 7.3-58.2, jsonlite not needed)
suppressPackageStartupMessages(library(MASS))
set.seed(20160331)
n <- 60
z <- round(rnorm(n), 3)                                  # context (deprivation)
q <- 0.8 * rnorm(n) - 0.6 * z                            # latent quality
grade <- as.integer(cut(-q + rnorm(n, sd = 0.8), c(-Inf, -1.2, 0, 1, Inf)))   # 1 best … 4 worst
x1 <- round(q + rnorm(n, sd = 0.8), 2)                   # goes with quality
x2 <- round(-z + rnorm(n, sd = 0.5), 2)                  # goes with deprivation only
x3 <- round(rnorm(n), 2)                                 # noise
x1[c(3, 17)] <- NA; x3[c(5, 6, 7)] <- NA
better <- -grade
screen <- function(x) {
  ok <- !is.na(x) & !is.na(grade)
  f <- summary(lm(grade[ok] ~ x[ok])); fs <- f$fstatistic
  sp <- suppressWarnings(cor.test(x, better, method = "spearman", exact = FALSE))
  xs <- as.numeric(scale(x[ok]))
  p <- polr(factor(grade[ok], ordered = TRUE) ~ xs, Hess = TRUE)
  co <- coef(summary(p))["xs", ]
  okz <- ok & !is.na(z)
  rx <- rank(x[okz]); ry <- rank(better[okz]); rz <- rank(z[okz])
  ex <- residuals(lm(rx ~ rz)); ey <- residuals(lm(ry ~ rz))
  pr <- cor(ex, ey); df <- sum(okz) - 3
  list(n = sum(ok), multiple_r = sqrt(f$r.squared), p_f = unname(pf(fs[1], fs[2], fs[3], lower.tail = FALSE)),
       spearman_rho = unname(sp$estimate), spearman_p = sp$p.value,
       ordinal_coef = -co[["Value"]], ordinal_p = 2 * pnorm(-abs(co[["t value"]])),
       partial_r = pr, partial_p = 2 * pt(-abs(pr * sqrt(df / (1 - pr^2))), df),
       context_r2 = summary(lm(x[okz] ~ z[okz]))$r.squared)
}
res <- lapply(list(x1 = x1, x2 = x2, x3 = x3), screen)
q_bh <- p.adjust(sapply(res, `[[`, "partial_p"), "BH")
q_raw <- p.adjust(sapply(res, `[[`, "spearman_p"), "BH")
num <- function(v) ifelse(is.na(v), "null", formatC(v, digits = 15, format = "g"))
arr <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
obj <- function(l) paste0("{", paste(sprintf('"%s": %s', names(l), sapply(l, num)), collapse = ", "), "}")
out <- c("{",
  sprintf('  "generator": "tests/reference/vitals-screen.R, %s, MASS %s",', R.version.string, packageVersion("MASS")),
  sprintf('  "grade": %s,', arr(grade)), sprintf('  "z": %s,', arr(z)),
  sprintf('  "x1": %s,', arr(x1)), sprintf('  "x2": %s,', arr(x2)), sprintf('  "x3": %s,', arr(x3)),
  '  "expected": {',
  paste0(sprintf('    "%s": %s', names(res), sapply(seq_along(res), function(i) obj(c(res[[i]], q_bh = q_bh[[i]], q_bh_raw = q_raw[[i]])))), collapse = ",\n"),
  "  }", "}")
writeLines(out, "tests/reference/fixtures/vitals-screen.json")

# R baseline for bench/stats.bench.ts: the same screen with cor, cor.test, lm, MASS::polr, p.adjust.
# Usage: Rscript bench/stats.bench.R <screen.csv> <resamples>. Prints one JSON line of timings (seconds).
suppressPackageStartupMessages(library(MASS))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
B <- as.integer(args[2])
inds <- grep("^ind", names(d), value = TRUE)

screen <- function(d) {
  X <- as.matrix(d[, inds])
  cor(X, use = "pairwise.complete.obs", method = "pearson")
  cor(X, use = "pairwise.complete.obs", method = "spearman")
  pv <- numeric(length(inds))
  for (j in seq_along(inds)) {
    x <- d[[inds[j]]]
    suppressWarnings({
      cor.test(x, d$grade, method = "pearson")
      cor.test(x, d$grade, method = "spearman", exact = FALSE)
      cor.test(x, d$grade, method = "kendall", exact = FALSE)
    })
    ok <- complete.cases(x, d$grade, d$idaci)
    cor.test(resid(lm(x[ok] ~ d$idaci[ok])), resid(lm(d$grade[ok] ~ d$idaci[ok])))
    summary(lm(d$grade ~ x + d$idaci))
    fit <- tryCatch(suppressWarnings(polr(factor(d$grade, ordered = TRUE) ~ x + d$idaci, Hess = TRUE)), error = function(e) NULL)
    if (!is.null(fit)) {
      s <- coef(summary(fit))
      pv[j] <- 2 * pnorm(-abs(s[1, 3]))
    } else pv[j] <- NA
  }
  p.adjust(pv, "BH")
}

screen(d) # warm-up
t_screen <- median(sapply(1:3, function(i) system.time(screen(d))[["elapsed"]]))
set.seed(20160401)
t_boot <- system.time(for (b in seq_len(B)) screen(d[sample.int(nrow(d), replace = TRUE), ]))[["elapsed"]]
cat(sprintf('{"screen": %.6f, "resamples": %d, "bootstrap": %.6f, "r": "%s"}\n', t_screen, B, t_boot, R.version.string))

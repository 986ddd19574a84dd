# The same analysis as `vital-signs analyse` in ordinary R, for bench/analysis.bench.ts:
#   link each LA's latest ofsted_overall judgement published on or before 2024-03-31 (and the two before it),
#   indicators of each judgement's attached period, context idaci_score (value of the row period);
#   screen: lm (Multiple R, Significance F), Spearman (cor.test, exact = FALSE), MASS::polr on the
#   standardised indicator, partial Spearman given context (ranks, lm residuals), BH;
#   bootstrap: B resamples of LAs and one of the 3 judgement rounds; partial Spearman of every indicator,
#   BH across indicators, pass when q < 0.05 with the full-sample sign.
# Usage: Rscript bench/analysis.R PACKAGE_DIR [B] [SEED] [OUTCOME] [DATE]      (R 4.2, MASS)
#   OUTCOME (default ofsted_overall) and DATE (default 2024-03-31) let bench/analysis-official.bench.ts run the
#   same work on the imported official package (ofsted_ilacs_overall, the latest judgement date).
suppressPackageStartupMessages(library(MASS))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; B <- if (length(args) > 1) as.integer(args[2]) else 1000L
seed <- if (length(args) > 2) as.integer(args[3]) else 42L
outcome_id <- if (length(args) > 3) args[4] else "ofsted_overall"
link_date <- if (length(args) > 4) args[5] else "2024-03-31"
t0 <- proc.time()[["elapsed"]]
areas <- read.csv(file.path(dir, "areas.csv"), colClasses = "character")
cat_ <- read.csv(file.path(dir, "catalogue.csv"), colClasses = "character")
ind <- read.csv(file.path(dir, "indicators.csv"), colClasses = c(la_code = "character", indicator = "character", status = "character"))
ctx <- read.csv(file.path(dir, "context.csv"), colClasses = c(la_code = "character", variable = "character"))
out <- read.csv(file.path(dir, "outcomes.csv"), colClasses = c(la_code = "character", outcome = "character", date = "character"))
t_read <- proc.time()[["elapsed"]] - t0

t1 <- proc.time()[["elapsed"]]
las <- areas$la_code
ids <- cat_$indicator[cat_$domain != "context"]
out <- out[out$outcome == outcome_id & !is.na(out$value) & out$date <= link_date, ]
out <- out[order(out$la_code, out$date), ]
rounds <- lapply(0:2, function(k) {
  sel <- do.call(rbind, lapply(split(out, out$la_code), function(d) if (nrow(d) > k) d[nrow(d) - k, ] else NULL))
  m <- match(las, sel$la_code)
  list(grade = sel$value[m], period = sel$period[m])
})
wide <- reshape(ind[ind$indicator %in% ids, c("la_code", "period", "indicator", "value")],
                idvar = c("la_code", "period"), timevar = "indicator", direction = "wide")
names(wide) <- sub("^value\\.", "", names(wide))
key <- paste(wide$la_code, wide$period)
idaci <- ctx[ctx$variable == "idaci_score", ]
ikey <- paste(idaci$la_code, idaci$period)
slots <- lapply(rounds, function(r) {
  rows <- match(paste(las, r$period), key)
  X <- as.matrix(wide[rows, ids]); rownames(X) <- NULL
  z <- idaci$value[match(paste(las, r$period), ikey)]
  # as the workbench's context rule: an LA without IDACI for that period takes its nearest period (earlier on a tie;
  # the official IoD 2019 has one period)
  for (i in which(is.na(z) & !is.na(r$period))) {
    d <- idaci[idaci$la_code == las[i] & !is.na(idaci$value), ]
    if (nrow(d) > 0) { d <- d[order(d$period), ]; z[i] <- d$value[which.min(abs(d$period - r$period[i]))] }
  }
  list(y = -r$grade, grade = r$grade, X = X, z = z)
})

partial_spearman <- function(x, y, z) {
  ok <- !is.na(x) & !is.na(y) & !is.na(z)
  n <- sum(ok); if (n < 4) return(c(NA, NA))
  Z <- cbind(1, rank(z[ok]))
  rx <- lm.fit(Z, rank(x[ok]))$residuals; ry <- lm.fit(Z, rank(y[ok]))$residuals
  r <- cor(rx, ry); df <- n - 3
  c(r, 2 * pt(-abs(r * sqrt(df / (1 - r^2))), df))
}

s0 <- slots[[1]]
screen <- t(sapply(seq_along(ids), function(j) {
  x <- s0$X[, j]; ok <- !is.na(x) & !is.na(s0$grade)
  if (sum(ok) < 4 || length(unique(x[ok])) < 2) return(c(multiple_r = NA, p_f = NA, rho = NA, p_rho = NA, ord = NA, p_ord = NA, partial_r = NA, partial_p = NA))
  f <- summary(lm(s0$grade[ok] ~ x[ok])); fs <- f$fstatistic
  sp <- suppressWarnings(cor.test(x, s0$y, method = "spearman", exact = FALSE))
  xs <- as.numeric(scale(x[ok]))
  po <- tryCatch({ p <- polr(factor(s0$grade[ok], ordered = TRUE) ~ xs, Hess = TRUE); co <- coef(summary(p))["xs", ]
                   c(-co[["Value"]], 2 * pnorm(-abs(co[["t value"]]))) }, error = function(e) c(NA, NA))
  pr <- partial_spearman(x, s0$y, s0$z)
  c(multiple_r = sqrt(f$r.squared), p_f = pf(fs[1], fs[2], fs[3], lower.tail = FALSE),
    rho = unname(sp$estimate), p_rho = sp$p.value, ord = po[1], p_ord = po[2], partial_r = pr[1], partial_p = pr[2])
}))
q <- p.adjust(screen[, "partial_p"], "BH")
t_screen <- proc.time()[["elapsed"]] - t1

t2 <- proc.time()[["elapsed"]]
set.seed(seed)
ref <- sign(screen[, "partial_r"])
counts <- numeric(length(ids)); n <- length(las)
for (b in seq_len(B)) {
  idx <- sample.int(n, n, replace = TRUE)
  s <- slots[[sample.int(length(slots), 1)]]
  y <- s$y[idx]; z <- s$z[idx]
  res <- sapply(seq_along(ids), function(j) partial_spearman(s$X[idx, j], y, z))
  qb <- p.adjust(res[2, ], "BH")
  pass <- !is.na(qb) & qb < 0.05 & sign(res[1, ]) == ref
  counts <- counts + pass
}
t_boot <- proc.time()[["elapsed"]] - t2
freq <- counts / B
cat(sprintf("read %.2f s; screen %.2f s; bootstrap %.2f s (%d resamples x %d indicators); total %.2f s\n",
            t_read, t_screen, t_boot, B, length(ids), t_read + t_screen + t_boot))
cat(sprintf("indicators with selection frequency >= 0.6: %s\n", paste(ids[freq >= 0.6], collapse = ", ")))

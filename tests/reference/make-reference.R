# Reference values for lib/stats and lib/indicators, computed with R and MASS.
#
# Run from the project root:  Rscript tests/reference/make-reference.R
# Writes tests/reference/reference-values.json (and the synthetic fixture, if missing). The TypeScript
# tests compare against that JSON; they do not need R. Needs only base R + MASS (Debian r-base,
# r-cran-mass). JSON is written by a small writer below (jsonlite is not installed): numbers with 17
# significant digits, NA/NaN as null, +-Inf as the strings "Inf"/"-Inf".
#
# Data:
#  (a) real: ../shared/data/official/ees/cla/la_children_who_were_missing_or_away_from_placement_without_authorisation.csv
#      (DfE, 2024 values) joined to Ofsted overall effectiveness as at 31 March 2025, from the committed
#      fixture tests/reference/fixtures/ofsted-overall-2025.csv (made by extract-ofsted-grades.py, because
#      base R cannot read .ods). The official files have ILACS grades only (no SIF), and the missing-incidents
#      file starts in 2020, so the 2015-vs-SIF pairing of the 2016 study cannot be rebuilt from them.
#  (b) synthetic: tests/reference/fixtures/synthetic-150.csv, generated below with set.seed(20160401).
#  (c) edge cases: defined inline.

suppressPackageStartupMessages(library(MASS))
options(warn = 1)

# ---------- tiny JSON writer ----------
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
A <- function(x) I(x) # force a JSON array even for length 1

# ---------- data ----------
official <- "../shared/data/official"
miss <- read.csv(file.path(official, "ees/cla/la_children_who_were_missing_or_away_from_placement_without_authorisation.csv"),
  check.names = FALSE, stringsAsFactors = FALSE, fileEncoding = "UTF-8-BOM")
miss <- miss[miss$time_period == 2024 & miss$geographic_level == "Local authority", ]
getv <- function(group) {
  d <- miss[miss$CLA_group == group, c("new_la_code", "number")]
  v <- suppressWarnings(as.numeric(d$number)) # DfE symbols (c, x, z, low) -> NA
  setNames(v, d$new_la_code)
}
grades <- read.csv("tests/reference/fixtures/ofsted-overall-2025.csv", stringsAsFactors = FALSE)
codes <- sort(grades$la_code)
real <- data.frame(
  la_code = codes,
  grade = grades$overall_effectiveness[match(codes, grades$la_code)],
  pct_missing = unname(getv("Percentage of children who had a missing incident during the year")[codes]),
  pct_away = unname(getv("Percentage of children who were away from placement without authorisation during the year")[codes]),
  n_missing_children = unname(getv("Children who had a missing incident during the year")[codes]),
  n_cla = unname(getv("Children looked after during the year")[codes]),
  stringsAsFactors = FALSE
)

synth_file <- "tests/reference/fixtures/synthetic-150.csv"
if (!file.exists(synth_file)) {
  set.seed(20160401)
  n <- 150
  idaci <- round(runif(n, 0.08, 0.38), 4)
  x1 <- round(40 + 60 * idaci + rnorm(n, 0, 5), 2)
  x2 <- round(rnorm(n, 20, 4) - 10 * idaci, 2)
  x3 <- round(rexp(n, 1 / 30), 1)
  lat <- 4 * idaci + 0.04 * x1 - 0.08 * x2 + rlogis(n)
  grade <- as.integer(cut(lat, c(-Inf, 1.2, 2.7, 4, Inf)))
  y <- round(50 + 30 * idaci + 0.5 * x1 - 0.3 * x2 + rnorm(n, 0, 4), 3)
  x2[c(7, 41, 99)] <- NA
  y[c(13, 120)] <- NA
  write.csv(data.frame(idaci, x1, x2, x3, y, grade), synth_file, row.names = FALSE, na = "")
}
synth <- read.csv(synth_file)

# ---------- distributions ----------
tq <- c(0.5, 1.96, 4, 10, 40, 1e3)
tdf <- c(1, 3, 10, 148)
grid <- expand.grid(t = tq, df = tdf)
dist <- list(
  t = list(t = grid$t, df = grid$df, upper = pt(grid$t, grid$df, lower.tail = FALSE)),
  f = local({
    g <- expand.grid(f = c(0.5, 2, 5, 20, 80, 400), df1 = c(1, 3, 8), df2 = c(5, 30, 146))
    list(f = g$f, df1 = g$df1, df2 = g$df2, upper = pf(g$f, g$df1, g$df2, lower.tail = FALSE))
  }),
  chisq = local({
    g <- expand.grid(x = c(0.01, 1, 3.84, 20, 80, 161, 400), df = c(1, 4, 12))
    big <- expand.grid(x = c(2000, 2300, 2469.3, 2600, 3000, 3300), df = c(150, 2470))
    list(x = c(g$x, big$x), df = c(g$df, big$df), upper = pchisq(c(g$x, big$x), c(g$df, big$df), lower.tail = FALSE),
      lower = pchisq(c(g$x, big$x), c(g$df, big$df)))
  }),
  normal = list(z = c(-3, -1, 0, 0.5, 1.96, 5, 10, 30), upper = pnorm(c(-3, -1, 0, 0.5, 1.96, 5, 10, 30), lower.tail = FALSE)),
  qnorm = local({ p <- c(1e-300, 1e-100, 1e-12, 1e-5, 0.001, 0.025, 0.3, 0.5, 0.975, 0.999, 1 - 1e-9); list(p = p, q = qnorm(p)) }),
  qt = local({ g <- expand.grid(p = c(1e-12, 0.001, 0.025, 0.5, 0.975, 0.9995), df = c(1, 2, 10, 147, 5000)); list(p = g$p, df = g$df, q = qt(g$p, g$df)) }),
  qchisq = local({ g <- expand.grid(p = c(1e-12, 0.001, 0.025, 0.5, 0.975, 0.998, 1 - 1e-12), df = c(1, 2, 7, 50, 2470, 5000)); list(p = g$p, df = g$df, q = qchisq(g$p, g$df)) })
)

# ---------- intervals (PHE formulas; prop.test / poisson.test where they exist) ----------
wilson <- function(x, n, conf = 0.95) {
  z <- qnorm(conf + (1 - conf) / 2)
  c((2 * x + z^2 - z * sqrt(z^2 + 4 * x * (1 - x / n))) / 2 / (n + z^2),
    (2 * x + z^2 + z * sqrt(z^2 + 4 * x * (1 - x / n))) / 2 / (n + z^2))
}
byar <- function(x, conf = 0.95) {
  z <- qnorm(conf + (1 - conf) / 2)
  c(x * (1 - 1 / (9 * x) - z / (3 * sqrt(x)))^3, (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * sqrt(x + 1)))^3)
}
wcases <- expand.grid(x = c(0, 1, 5, 17, 50), n = c(50, 1000), conf = c(0.95, 0.998))
wres <- t(mapply(wilson, wcases$x, wcases$n, wcases$conf))
ptest <- t(mapply(function(x, n) prop.test(x, n, correct = FALSE)$conf.int, wcases$x[wcases$conf == 0.95], wcases$n[wcases$conf == 0.95]))
ok <- !is.na(real$n_missing_children) & !is.na(real$n_cla) & real$n_cla > 0
realw <- t(mapply(wilson, real$n_missing_children[ok], real$n_cla[ok]))
pcounts <- c(0, 1, 3, 9, 10, 25, 100, 1234)
exact <- t(sapply(pcounts, function(o) poisson.test(o)$conf.int[1:2]))
exact998 <- t(sapply(pcounts, function(o) poisson.test(o, conf.level = 0.998)$conf.int[1:2]))
bcounts <- pcounts[pcounts > 0]
intervals <- list(
  wilson = list(x = wcases$x, n = wcases$n, conf = wcases$conf, lower = wres[, 1], upper = wres[, 2]),
  wilsonPropTest = list(x = wcases$x[wcases$conf == 0.95], n = wcases$n[wcases$conf == 0.95], lower = ptest[, 1], upper = ptest[, 2]),
  wilsonReal = list(x = real$n_missing_children[ok], n = real$n_cla[ok], lower = realw[, 1], upper = realw[, 2]),
  exactPoisson = list(count = pcounts, lower = exact[, 1], upper = exact[, 2], lower998 = exact998[, 1], upper998 = exact998[, 2]),
  byar = list(count = bcounts, lower = sapply(bcounts, function(o) byar(o)[1]), upper = sapply(bcounts, function(o) byar(o)[2]),
    lower998 = sapply(bcounts, function(o) byar(o, 0.998)[1]), upper998 = sapply(bcounts, function(o) byar(o, 0.998)[2]))
)

# ---------- funnel limits ----------
P <- sum(real$n_missing_children[ok]) / sum(real$n_cla[ok])
dens <- c(20, 50, 100, 250, 500, 1000, 2500)
z95 <- qnorm(0.975); z998 <- qnorm(0.999)
rate_target <- 35.5 # per 10,000
pois_lim <- function(E, conf) c(qchisq((1 - conf) / 2, 2 * E) / 2, qchisq(1 - (1 - conf) / 2, 2 * E + 2) / 2)
funnel <- list(
  proportion = list(target = P, denominators = dens,
    lower95 = pmax(0, P - z95 * sqrt(P * (1 - P) / dens)), upper95 = pmin(1, P + z95 * sqrt(P * (1 - P) / dens)),
    lower998 = pmax(0, P - z998 * sqrt(P * (1 - P) / dens)), upper998 = pmin(1, P + z998 * sqrt(P * (1 - P) / dens)),
    # the same limits found by root-finding on the Wilson interval (PHE definition), as a check of the closed form
    lower95Wilson = sapply(dens, function(n) { f <- function(p) wilson(p * n, n)[2] - P
      if (f(0) >= 0) 0 else uniroot(f, c(0, P), tol = 1e-14)$root })),
  rate = list(target = rate_target, multiplier = 10000, denominators = dens * 100,
    lower95 = sapply(dens * 100, function(n) pois_lim(rate_target * n / 1e4, 0.95)[1] / n * 1e4),
    upper95 = sapply(dens * 100, function(n) pois_lim(rate_target * n / 1e4, 0.95)[2] / n * 1e4),
    lower998 = sapply(dens * 100, function(n) pois_lim(rate_target * n / 1e4, 0.998)[1] / n * 1e4),
    upper998 = sapply(dens * 100, function(n) pois_lim(rate_target * n / 1e4, 0.998)[2] / n * 1e4))
)

# ---------- correlations ----------
ctest <- function(x, y) {
  ok <- complete.cases(x, y)
  n <- sum(ok)
  out <- list(n = n, nMissing = length(x) - n)
  pe <- tryCatch(suppressWarnings(cor.test(x, y, method = "pearson")), error = function(e) NULL)
  if (!is.null(pe)) {
    ci <- if (is.null(pe$conf.int)) c(NA, NA) else pe$conf.int
    out$pearson <- list(r = unname(pe$estimate), p = pe$p.value, t = unname(pe$statistic), df = unname(pe$parameter),
      lower = ci[1], upper = ci[2])
  }
  sp <- tryCatch(suppressWarnings(cor.test(x, y, method = "spearman", exact = FALSE)), error = function(e) NULL)
  if (!is.null(sp)) {
    rho <- unname(sp$estimate)
    se <- sqrt((1 + rho^2 / 2) / (n - 3))
    sx <- tryCatch(suppressWarnings(cor.test(x, y, method = "spearman")), error = function(e) NULL)
    out$spearman <- list(r = rho, p = sp$p.value, pDefault = if (is.null(sx)) NA else sx$p.value,
      lower = if (n > 3) tanh(atanh(rho) - qnorm(0.975) * se) else NA, upper = if (n > 3) tanh(atanh(rho) + qnorm(0.975) * se) else NA)
  }
  ke <- tryCatch(suppressWarnings(cor.test(x, y, method = "kendall", exact = FALSE)), error = function(e) NULL)
  if (!is.null(ke)) {
    tau <- unname(ke$estimate)
    se <- if (n > 4) sqrt(0.437 / (n - 4)) else NA
    kx <- tryCatch(suppressWarnings(cor.test(x, y, method = "kendall")), error = function(e) NULL)
    out$kendall <- list(r = tau, p = ke$p.value, z = unname(ke$statistic),
      pDefault = if (is.null(kx)) NA else kx$p.value, statisticDefault = if (is.null(kx)) NA else unname(kx$statistic),
      lower = if (n > 4) tanh(atanh(tau) - qnorm(0.975) * se) else NA, upper = if (n > 4) tanh(atanh(tau) + qnorm(0.975) * se) else NA)
  }
  out
}
corr_cases <- list(
  list(name = "real: % CLA with a missing incident (2024) vs Ofsted grade", x = real$pct_missing, y = real$grade),
  list(name = "real: % missing vs % away (2024)", x = real$pct_missing, y = real$pct_away),
  list(name = "synthetic: x1 vs y", x = synth$x1, y = synth$y),
  list(name = "synthetic: x2 vs grade (ties, missing)", x = synth$x2, y = synth$grade),
  list(name = "synthetic: x3 vs x1", x = synth$x3, y = synth$x1),
  list(name = "edge: ties and missing", x = c(1, 2, 2, 3, NA, 4, 4, 4, 5, 6), y = c(2, 1, 1, 3, 5, NA, 4, 6, 6, 7)),
  list(name = "edge: n = 3", x = c(1, 2, 4), y = c(3, 1, 2)),
  list(name = "edge: n = 4", x = c(1, 2, 4, 8), y = c(3, 1, 2, 9)),
  list(name = "edge: huge values", x = c(1, 3, 2, 5, 4, 7) * 1e200, y = c(2, 1, 4, 3, 6, 5) * 1e200),
  list(name = "edge: tiny values", x = c(1, 3, 2, 5, 4, 7) * 1e-200, y = c(2, 1, 4, 3, 6, 5) * 1e-200),
  list(name = "edge: large offset", x = 1e9 + c(1, 3, 2, 5, 4, 7), y = c(2, 1, 4, 3, 6, 5)),
  list(name = "edge: perfect", x = c(1, 2, 3, 4, 5), y = c(2, 4, 6, 8, 10)),
  list(name = "edge: constant column", x = c(1, 2, 3, 4, 5), y = c(3, 3, 3, 3, 3))
)
correlation <- lapply(corr_cases, function(cs) c(list(name = cs$name, x = A(cs$x), y = A(cs$y)), ctest(cs$x, cs$y)))

# Spearman default p-values (AS 89: exact enumeration n <= 9, Edgeworth above) on untied data of many sizes
set.seed(89)
spearmanExact <- lapply(c(3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 30, 50, 100, 149), function(n) {
  x <- sample.int(n); y <- if (n > 5) order(order(x + rnorm(n, 0, n / 3))) else sample.int(n)
  list(n = n, x = A(x), y = A(y), r = cor(x, y, method = "spearman"), p = cor.test(x, y, method = "spearman")$p.value)
})

# partial correlation (Pearson and Spearman), residual method = ppcor::pcor.test
pcor <- function(x, y, Z, method) {
  d <- data.frame(x = x, y = y, Z)
  d <- d[complete.cases(d), ]
  if (method == "spearman") d[] <- lapply(d, rank)
  k <- ncol(d) - 2
  n <- nrow(d)
  rx <- resid(lm(d$x ~ ., data = d[, -(1:2), drop = FALSE]))
  ry <- resid(lm(d$y ~ ., data = d[, -(1:2), drop = FALSE]))
  r <- cor(rx, ry)
  df <- n - 2 - k
  tt <- r * sqrt(df / (1 - r^2))
  se <- 1 / sqrt(n - 3 - k)
  list(r = r, t = tt, df = df, p = 2 * pt(-abs(tt), df), n = n,
    lower = tanh(atanh(r) - qnorm(0.975) * se), upper = tanh(atanh(r) + qnorm(0.975) * se))
}
partial <- list(
  synthetic_x1_y_given_idaci = pcor(synth$x1, synth$y, data.frame(idaci = synth$idaci), "pearson"),
  synthetic_x1_y_given_idaci_x2 = pcor(synth$x1, synth$y, data.frame(idaci = synth$idaci, x2 = synth$x2), "pearson"),
  synthetic_x1_grade_given_idaci_spearman = pcor(synth$x1, synth$grade, data.frame(idaci = synth$idaci), "spearman")
)

# ---------- OLS ----------
ols_ref <- function(y, X, names) {
  d <- data.frame(y = y, X)
  names(d) <- c("y", names)
  fit <- lm(y ~ ., data = d)
  s <- summary(fit)
  cf <- coef(fit)
  tab <- matrix(NA_real_, length(cf), 4, dimnames = list(names(cf), NULL))
  tab[rownames(s$coefficients), ] <- s$coefficients
  fs <- s$fstatistic
  res <- rep(NA_real_, length(y)); res[as.integer(names(resid(fit)))] <- resid(fit)
  fit_v <- rep(NA_real_, length(y)); fit_v[as.integer(names(fitted(fit)))] <- fitted(fit)
  list(names = A(names(cf)), estimate = A(unname(cf)), se = A(tab[, 2]), t = A(tab[, 3]), p = A(tab[, 4]),
    aliased = A(names(cf)[is.na(cf)]), rank = fit$rank, n = length(resid(fit)), dfResidual = fit$df.residual,
    r2 = s$r.squared, adjR2 = s$adj.r.squared, sigma = s$sigma,
    f = if (is.null(fs)) NA else unname(fs[1]), fDf1 = if (is.null(fs)) NA else unname(fs[2]), fDf2 = if (is.null(fs)) NA else unname(fs[3]),
    fP = if (is.null(fs)) NA else unname(pf(fs[1], fs[2], fs[3], lower.tail = FALSE)),
    residuals = A(res), fitted = A(fit_v))
}
ols_cases <- list(
  list(name = "synthetic: y ~ idaci + x1 + x2 + x3", y = synth$y, X = synth[, c("idaci", "x1", "x2", "x3")]),
  list(name = "real: grade ~ pct_missing + pct_away", y = real$grade, X = real[, c("pct_missing", "pct_away")]),
  list(name = "edge: collinear (x3 = x1 + 2*x2)", y = c(3, 5, 4, 8, 9, 12, 11, 15),
    X = data.frame(x1 = c(1, 2, 3, 4, 5, 6, 7, 8), x2 = c(2, 1, 2, 3, 2, 4, 3, 5), x3 = c(1, 2, 3, 4, 5, 6, 7, 8) + 2 * c(2, 1, 2, 3, 2, 4, 3, 5))),
  list(name = "edge: constant column", y = c(3, 5, 4, 8, 9, 12), X = data.frame(x1 = c(1, 2, 3, 4, 5, 6), k = rep(7, 6))),
  list(name = "edge: n = 3, one predictor", y = c(1, 3, 2), X = data.frame(x = c(1, 2, 4))),
  list(name = "edge: huge and tiny scales", y = c(3, 5, 4, 8, 9, 12, 11) * 1e150,
    X = data.frame(big = c(1, 2, 3, 4, 5, 6, 7) * 1e150, tiny = c(2, 1, 2, 3, 2, 4, 3) * 1e-150)),
  # a constant indicator beside the intercept and nothing else: summary.lm sets R² and adjusted R² to 0 exactly
  # (p == intercept), where 1 − RSS/TSS in floating point gave 2.2e-16 here (Multiple R 1.5e-8)
  list(name = "edge: constant predictor only", y = c(1, 3, 4, 2, 3), X = data.frame(k = rep(5, 5)))
)
ols <- lapply(ols_cases, function(cs) c(list(name = cs$name, y = A(cs$y), X = lapply(as.list(cs$X), A), Xnames = A(names(cs$X))),
  ols_ref(cs$y, cs$X, names(cs$X))))

# ---------- proportional-odds logistic regression ----------
polr_ref <- function(y, X, names) {
  d <- data.frame(y = factor(y, levels = sort(unique(y[!is.na(y)])), ordered = TRUE), X)
  names(d) <- c("y", names)
  d <- d[complete.cases(d), ]
  warn <- character(0)
  fit <- withCallingHandlers(
    polr(y ~ ., data = d, Hess = TRUE, method = "logistic", control = list(reltol = 1e-15, maxit = 10000)),
    warning = function(w) { warn <<- c(warn, conditionMessage(w)); invokeRestart("muffleWarning") })
  v <- vcov(fit)
  est <- c(coef(fit), fit$zeta)
  se <- sqrt(diag(v))[names(est)]
  list(coefNames = A(names(coef(fit))), coefficients = A(unname(coef(fit))), zeta = A(unname(fit$zeta)), zetaNames = A(names(fit$zeta)),
    se = A(unname(se)), z = A(unname(est / se)), p = A(unname(2 * pnorm(-abs(est / se)))),
    logLik = as.numeric(logLik(fit)), aic = AIC(fit), n = nrow(d), warnings = A(warn), convergence = fit$convergence)
}
set.seed(1)
gx <- rnorm(150)
glat <- 0.8 * gx + rlogis(150)
gy <- as.integer(cut(glat, c(-Inf, -1, 0.5, 2, Inf)))
ord_cases <- list(
  list(name = "golden.R simulation (set.seed(1))", y = gy, X = data.frame(x = gx)),
  list(name = "synthetic: grade ~ idaci + x1 + x2", y = synth$grade, X = synth[, c("idaci", "x1", "x2")]),
  list(name = "real: grade ~ pct_missing", y = real$grade, X = real[, "pct_missing", drop = FALSE])
)
# polr's SEs come from optim's finite-difference Hessian (ndeps = 1e-3 on the raw scale), which is only accurate
# to ~1e-4 for predictors far from unit scale; so each case is also fitted on standardised predictors
# (complete rows, scale()), where that Hessian is accurate to ~1e-7 and the 1e-5 tolerance applies.
ordinal <- lapply(ord_cases, function(cs) {
  ok <- complete.cases(cs$y, cs$X)
  Xs <- as.data.frame(scale(cs$X[ok, , drop = FALSE]))
  c(list(name = cs$name, y = A(cs$y), X = lapply(as.list(cs$X), A), Xnames = A(names(cs$X))),
    polr_ref(cs$y, cs$X, names(cs$X)),
    list(standardised = c(list(y = A(cs$y[ok]), X = lapply(as.list(Xs), A)), polr_ref(cs$y[ok], Xs, names(cs$X)))))
})
# perfect separation: record what R says (warnings / huge coefficients), the TS side must flag it
sep_x <- c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
sep_y <- c(1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4)
sep_warn <- character(0)
sep_fit <- withCallingHandlers(tryCatch(polr(factor(sep_y, ordered = TRUE) ~ sep_x, Hess = TRUE), error = function(e) conditionMessage(e)),
  warning = function(w) { sep_warn <<- c(sep_warn, conditionMessage(w)); invokeRestart("muffleWarning") })
separation <- list(x = A(sep_x), y = A(sep_y), warnings = A(sep_warn),
  rCoefficient = if (inherits(sep_fit, "polr")) unname(coef(sep_fit)) else NA,
  rError = if (is.character(sep_fit)) sep_fit else NA)

# ---------- correlation matrix (pairwise complete) ----------
cmX <- synth[, c("idaci", "x1", "x2", "x3", "y", "grade")]
corMatrix <- list(columns = A(names(cmX)), X = lapply(as.list(cmX), A),
  pearson = A(as.vector(t(cor(cmX, use = "pairwise.complete.obs", method = "pearson")))),
  spearman = A(as.vector(t(cor(cmX, use = "pairwise.complete.obs", method = "spearman")))),
  n = A(as.vector(t(crossprod(!is.na(cmX))))))

# ---------- multiple testing ----------
pv <- c(0.01, 0.04, 0.03, 0.2, 0.5, 0.001)
pv2 <- c(0.001, NA, 0.02, 0.02, 0.3, 1e-12, 0.049, NA, 0.8, 0.0004)
multiple <- list(
  golden = list(p = pv, bh = p.adjust(pv, "BH"), holm = p.adjust(pv, "holm")),
  withNA = list(p = A(pv2), bh = A(p.adjust(pv2, "BH")), holm = A(p.adjust(pv2, "holm")))
)

# ---------- ranks and quantiles ----------
rk <- real$pct_missing
ranking <- list(values = A(rk),
  upAverage = A(rank(-rk, ties.method = "average", na.last = "keep")), upMin = A(rank(-rk, ties.method = "min", na.last = "keep")),
  downAverage = A(rank(rk, ties.method = "average", na.last = "keep")), downMin = A(rank(rk, ties.method = "min", na.last = "keep")))
qx <- synth$x3
quantiles <- list(x = A(qx), probs = c(0.025, 0.1, 0.5, 0.9, 0.975), type7 = unname(quantile(qx, c(0.025, 0.1, 0.5, 0.9, 0.975), type = 7)))

# ---------- golden values from anchors-and-methods.md §2 and §8 (recomputed here) ----------
golden <- list(
  wilson_5_20 = wilson(5, 20), wilson_5_20_998 = wilson(5, 20, 0.998), wilson_0_12 = wilson(0, 12),
  byar_25 = byar(25), exact_25 = poisson.test(25)$conf.int[1:2], exact_3 = poisson.test(3)$conf.int[1:2],
  exact_0_upper = poisson.test(0)$conf.int[2],
  pearson_r05_n30 = local({ r <- 0.5; n <- 30; se <- 1 / sqrt(n - 3)
    c(tanh(atanh(r) - qnorm(0.975) * se), tanh(atanh(r) + qnorm(0.975) * se), 2 * pt(-abs(r * sqrt((n - 2) / (1 - r^2))), n - 2)) }),
  spearman_bw_087_15 = local({ r <- 0.87; n <- 15; se <- sqrt((1 + r^2 / 2) / (n - 3)); c(tanh(atanh(r) - qnorm(0.975) * se), tanh(atanh(r) + qnorm(0.975) * se)) }),
  partial_05_06_04_150 = local({ pr <- (0.5 - 0.6 * 0.4) / sqrt((1 - 0.6^2) * (1 - 0.4^2)); df <- 147; tt <- pr * sqrt(df / (1 - pr^2)); c(pr, tt, 2 * pt(-abs(tt), df)) }),
  funnel_prop_P = 0.80642448, funnel_prop_n = c(2, 4),
  funnel_prop_lower95 = 100 * (0.80642448 - qnorm(0.975) * sqrt(0.80642448 * (1 - 0.80642448) / c(2, 4))),
  funnel_prop_lower998_n4 = 100 * (0.80642448 - qnorm(0.999) * sqrt(0.80642448 * (1 - 0.80642448) / 4)),
  chisq_998_df1 = qchisq(0.998, 1)
)


# ---------- audit additions: edge cases the first pass did not reach ----------
# Kendall exact p-values between n = 10 and the n < 50 switch (untied), and at n = 50 where R goes normal
set.seed(1970)
kendallExact <- lapply(c(10, 20, 35, 49, 50), function(n) {
  x <- sample.int(n); y <- order(order(x + rnorm(n, 0, n / 2)))
  k <- cor.test(x, y, method = "kendall")
  list(n = n, x = A(x), y = A(y), r = unname(k$estimate), p = k$p.value, statistic = unname(k$statistic))
})
# lm edge cases: an exact linear fit (R warns "essentially perfect fit"), tiny-scale y with missing values
edgeOls <- list(
  perfect = local({ y <- c(3, 5, 7, 9, 11); x <- c(1, 2, 3, 4, 5)
    w <- character(0); s <- withCallingHandlers(summary(lm(y ~ x)), warning = function(e) { w <<- c(w, conditionMessage(e)); invokeRestart("muffleWarning") })
    list(y = A(y), x = A(x), warnings = A(w), r2 = s$r.squared) }),
  tinyWithNA = c(list(name = "edge: tiny y with missing values", y = A(c(3, 5, NA, 8, 9, 12, 11) * 1e-150),
    X = list(x = A(c(1, 2, 3, NA, 5, 6, 7)), w = A(c(2, 1, 2, 3, 2, 4, 3))), Xnames = A(c("x", "w"))),
    ols_ref(c(3, 5, NA, 8, 9, 12, 11) * 1e-150, data.frame(x = c(1, 2, 3, NA, 5, 6, 7), w = c(2, 1, 2, 3, 2, 4, 3)), c("x", "w")))
)
# polr edge cases: rank-deficient designs (R drops a column with a warning; the TS side must refuse), and a
# predictor at 1e6 scale (the MLE is scale-equivariant, beta(1e6 x) = beta(x) / 1e6; the TS test checks that
# against the unscaled polr fit above)
ordEdge <- local({
  g <- ord_cases[[1]]
  catch <- function(expr) { w <- character(0)
    r <- withCallingHandlers(tryCatch(expr, error = function(e) conditionMessage(e)), warning = function(e) { w <<- c(w, conditionMessage(e)); invokeRestart("muffleWarning") })
    list(warnings = A(w), error = if (is.character(r)) r else NA, coefficients = if (inherits(r, "polr")) A(unname(coef(r))) else NA) }
  list(
    constant = catch(polr(factor(g$y, ordered = TRUE) ~ g$X$x + rep(1, 150), method = "logistic")),
    collinear = catch(polr(factor(g$y, ordered = TRUE) ~ g$X$x + I(2 * g$X$x), method = "logistic")),
    # R: polr's BFGS start and finite-difference Hessian break down at this scale (recorded, not compared)
    huge = c(list(scale = 1e6), catch(summary(polr(factor(g$y, ordered = TRUE) ~ I(g$X$x * 1e6), method = "logistic", Hess = TRUE)))))
})
# p.adjust edge cases: one test, exact 0 and 1, ties, all missing
multipleEdge <- list(
  single = list(p = A(0.03), bh = A(p.adjust(0.03, "BH")), holm = A(p.adjust(0.03, "holm"))),
  zerosOnesTies = local({ p <- c(0, 1, 0.02, 0.02, 0.02, 1e-300, 0.5, 1); list(p = A(p), bh = A(p.adjust(p, "BH")), holm = A(p.adjust(p, "holm"))) }),
  allMissing = list(p = A(c(NA, NA)), bh = A(p.adjust(c(NA_real_, NA_real_), "BH")), holm = A(p.adjust(c(NA_real_, NA_real_), "holm")))
)
# intervals at the extremes: huge denominators, x = n, tiny proportions; exact Poisson for huge counts and for
# the real 2024 counts of children with a missing incident; Byar's 99.8% lower limit (negative for O = 1)
wEdge <- data.frame(x = c(1, 1e9, 3, 0, 123456789), n = c(1e9, 1e9, 3, 1e12, 987654321))
wEdgeRes <- t(mapply(wilson, wEdge$x, wEdge$n))
realCounts <- real$n_missing_children[ok]
intervalEdge <- list(
  wilson = list(x = wEdge$x, n = wEdge$n, lower = wEdgeRes[, 1], upper = wEdgeRes[, 2],
    propTestUpper = sapply(seq_len(nrow(wEdge)), function(i) prop.test(wEdge$x[i], wEdge$n[i], correct = FALSE)$conf.int[2])),
  exactHuge = local({ o <- c(1e5, 1e7); e <- t(sapply(o, function(v) poisson.test(v)$conf.int[1:2])); list(count = o, lower = e[, 1], upper = e[, 2]) }),
  exactReal = local({ e <- t(sapply(realCounts, function(v) poisson.test(v)$conf.int[1:2])); list(count = realCounts, lower = e[, 1], upper = e[, 2]) }),
  byarLower998 = list(count = bcounts, lower998 = sapply(bcounts, function(o) byar(o, 0.998)[1]))
)
# polr near separation: a very strong but finite effect (slope 20 per SD on the latent scale); categories still
# overlap, so the MLE exists (polr: beta = 22.6, SE 3.9) and must be reported, not called "separation"
ordEdge$nearSeparation <- local({
  set.seed(2005); n <- 300; x <- rnorm(n); y <- as.integer(cut(20 * x + rlogis(n), c(-Inf, -20, 0, 20, Inf)))
  c(list(name = "edge: near separation (slope 20 per SD)", y = A(y), X = list(x = A(x)), Xnames = A("x"),
    xRangeByGrade = lapply(split(x, y), function(v) A(range(v)))), polr_ref(y, data.frame(x = x), "x"))
})
audit <- list(kendallExact = kendallExact, ols = edgeOls, ordinal = ordEdge, multiple = multipleEdge, intervals = intervalEdge)

out <- list(
  meta = list(generatedBy = "tests/reference/make-reference.R", r = R.version.string, mass = as.character(packageVersion("MASS")),
    platform = R.version$platform, tolerances = list(closedForm = 1e-8, iterative = 1e-5),
    notes = A(c("cor.test spearman and kendall are recorded with exact = FALSE (p) and with the default (pDefault; spearmanExact has AS 89 cases); kendall is recorded with exact = FALSE (p, z) and with the default (pDefault, statisticDefault); Spearman CI is Bonett-Wright, Kendall CI Fieller (0.437)",
      "polr fitted with control = list(reltol = 1e-15) so BFGS reaches the MLE; SEs from polr's Hessian (optim, numerical)",
      "real data: DfE missing/away from placement 2024 (LA level) and Ofsted overall effectiveness as at 31 March 2025"))),
  distributions = dist, intervals = intervals, funnel = funnel, correlation = correlation, partial = partial,
  ols = ols, spearmanExact = spearmanExact, corMatrix = corMatrix, ordinal = ordinal, separation = separation, multiple = multiple, ranking = ranking, quantiles = quantiles,
  golden = golden, audit = audit
)
writeLines(to_json(out), "tests/reference/reference-values.json")
cat("wrote tests/reference/reference-values.json\n")

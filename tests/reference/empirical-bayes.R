# Reference values for tests/stats/empirical-bayes.test.ts: empirical-Bayes shrinkage of LA proportions with
# known sampling variances v = p(1 - p)/n toward (a) the precision-weighted national mean, (b) a mean predicted
# from a context covariate. tau^2 is the DerSimonian-Laird method-of-moments estimate, written out from its formula
# with R's lm() with weights (Q and the trace as in metafor's source):
#   Q = weighted residual sum of squares of lm(y ~ X, weights = 1/v)
#   tau2 = max(0, (Q - (k - p)) / (sum(w) - tr((X'WX)^-1 X'W^2 X)))
#   beta* = coef(lm(y ~ X, weights = 1/(tau2 + v))); mu = X beta*; lambda = tau2/(tau2 + v); theta = mu + lambda (y - mu)
# plus a case where every difference is noise (tau2 truncated at 0). Independent check before anything is written:
# metafor 3.8-1's rma(yi, vi, mods, method = "DL") and blup() give the same tau2, Q, coefficients and shrunk values
# (they agreed to 1e-15 relative; the script stops if they differ by more than 1e-12 relative, absolute below 1). Writes
# tests/reference/fixtures/empirical-bayes.json.
# Run: Rscript tests/reference/empirical-bayes.R (R 4.2.2 with metafor 3.8-1, Debian r-cran-metafor)
set.seed(20261204)
k <- 40
n <- sample(8:200, k, replace = TRUE)
ctx <- round(runif(k, 0.05, 0.45), 4)
truth <- plogis(0.3 - 2 * ctx + rnorm(k, 0, 0.35))
x <- rbinom(k, n, truth)
y <- x / n
v <- pmax(y, 0.5 / n) * pmax(1 - y, 0.5 / n) / n

eb <- function(y, v, X) {
  w <- 1 / v
  fit <- lm(y ~ X - 1, weights = w)
  Q <- sum(w * residuals(fit)^2)
  kk <- length(y); p <- ncol(X)
  XtWX_inv <- solve(t(X) %*% (w * X))
  tr <- sum(w) - sum(diag(XtWX_inv %*% t(X) %*% (w^2 * X)))
  tau2 <- max(0, (Q - (kk - p)) / tr)
  fit2 <- lm(y ~ X - 1, weights = 1 / (tau2 + v))
  beta <- unname(coef(fit2))
  mu <- as.vector(X %*% beta)
  lambda <- tau2 / (tau2 + v)
  list(tau2 = tau2, q = Q, df = kk - p, coefficients = beta, prior_mean = mu, reliability = lambda,
       shrunk = mu + lambda * (y - mu), mean_reliability = mean(lambda), signal_to_noise = tau2 / mean(v))
}
national <- eb(y, v, cbind(rep(1, k)))
context <- eb(y, v, cbind(1, ctx))
# pure noise: 30 units, the same true rate 0.3, values drawn with their own n
n0 <- sample(20:60, 30, replace = TRUE)
y0 <- rbinom(30, n0, 0.3) / n0
v0 <- 0.3 * 0.7 / n0
noise <- eb(y0, v0, cbind(rep(1, 30)))

# the independent check: metafor's DerSimonian-Laird fit and its best linear unbiased predictions
suppressPackageStartupMessages(library(metafor))
agrees <- function(r, fit, what) {
  same <- function(a, b) isTRUE(all.equal(unname(as.vector(a)), unname(as.vector(b)), tolerance = 1e-12, scale = max(abs(b), 1)))
  checks <- c(tau2 = same(fit$tau2, r$tau2), q = same(fit$QE, r$q), coefficients = same(coef(fit), r$coefficients),
              shrunk = same(blup(fit)$pred, r$shrunk))
  if (!all(checks)) stop(what, ": metafor disagrees on ", paste(names(checks)[!checks], collapse = ", "))
}
agrees(national, rma(yi = y, vi = v, method = "DL"), "national")
agrees(context, rma(yi = y, vi = v, mods = ~ctx, method = "DL"), "context")
agrees(noise, rma(yi = y0, vi = v0, method = "DL"), "noise")

num <- function(z) paste0("[", paste(sprintf("%.17g", z), collapse = ", "), "]")
block <- function(r) paste0("{\"tau2\": ", sprintf("%.17g", r$tau2), ", \"q\": ", sprintf("%.17g", r$q), ", \"df\": ", r$df,
  ", \"coefficients\": ", num(r$coefficients), ", \"prior_mean\": ", num(r$prior_mean), ", \"reliability\": ", num(r$reliability),
  ", \"shrunk\": ", num(r$shrunk), ", \"mean_reliability\": ", sprintf("%.17g", r$mean_reliability),
  ", \"signal_to_noise\": ", sprintf("%.17g", r$signal_to_noise), "}")
json <- paste0("{\n  \"r_version\": \"", R.version.string, "\",\n  \"script\": \"tests/reference/empirical-bayes.R\",\n",
  "  \"y\": ", num(y), ",\n  \"v\": ", num(v), ",\n  \"context\": ", num(ctx), ",\n",
  "  \"national\": ", block(national), ",\n  \"context_predicted\": ", block(context), ",\n",
  "  \"noise\": {\"y\": ", num(y0), ", \"v\": ", num(v0), ", \"result\": ", block(noise), "}\n}\n")
writeLines(json, "tests/reference/fixtures/empirical-bayes.json", sep = "")
cat("tau2 national", national$tau2, "context", context$tau2, "noise", noise$tau2, "\n")

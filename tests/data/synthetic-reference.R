# Reference values for tests/data/synthetic.test.ts (gradeThresholds).
# R 4.2.2 (2022-11-10 r83330). Run: Rscript tests/data/synthetic-reference.R
# P(y* > c) for y* = Q + s*L, Q ~ N(0, V), L standard logistic; thresholds where it equals the cumulative shares.
thresholds <- function(V, s, shares) {
  S <- function(c) integrate(function(z) dnorm(z) * plogis((sqrt(V) * z - c) / s), -Inf, Inf, rel.tol = 1e-12)$value
  cum <- cumsum(shares)[1:3]
  sapply(cum, function(p) uniroot(function(c) S(c) - p, c(-20, 20), tol = 1e-13)$root)
}
print(thresholds(2.5, 0.5, c(0.1, 0.45, 0.3, 0.15)), digits = 12)
# [1]  2.326789470744 -0.227270483761 -1.879146692360
print(thresholds(3.235, 0.35, c(0.1, 0.45, 0.3, 0.15)), digits = 12)
# [1]  2.442388389500 -0.239278901757 -1.974634169815   (the default parameters: Var(Q) = 3.235, s = 0.35)

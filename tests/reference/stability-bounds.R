# Reference values for tests/stats/stability-bounds.test.ts: error bounds of stability selection on E(V),
# computed from the published formulas in plain R (no package; R's `stabs` is not installed here):
#   none       Meinshausen & Buhlmann (2010) Theorem 1:            q^2 / ((2 tau - 1) p)
#   unimodal   Shah & Samworth (2013) Theorem 2 (eq. 8):           q^2 / (p C(tau, B))
#   r-concave  Shah & Samworth (2013) Theorem 3, section 3.3:      p min(1, D(theta^2, 2 tau - 1, B, -1/2), D(theta, tau, 2B, -1/4))
# with D evaluated by the authors' published algorithm (uniroot for a, optimize over a on each interval),
# tau on the grid of multiples of 1/(2B) rounded up, as stabs::stabsel_parameters(sampling.type = "SS") does.
# Writes tests/reference/fixtures/stability-bounds.json. Run: Rscript tests/reference/stability-bounds.R (R 4.2.2)
mb <- function(q, p, tau) q^2 / ((2 * tau - 1) * p)
unimodal <- function(q, p, tau, B) {
  if (q == 0) return(0)
  theta <- q / p
  if (tau <= 3/4) {
    if (tau < 1/2 + min(theta^2, 1 / (2 * B) + 3/4 * theta^2)) return(NA)
    C <- 2 * (2 * tau - 1 - 1 / (2 * B))
  } else C <- (1 + 1 / B) / (4 * (1 - tau + 1 / (2 * B)))
  q^2 / (p * C)
}
tail_bound <- function(eta, t, B, r) {
  s <- 1 / r; etaB <- eta * B; k0 <- ceiling(2 * etaB) + 1
  if (t < k0) return(1)
  mean_gap <- function(a, k) { w <- (a + 0:k)^s; sum((0:k) * w) / sum(w) - etaB }
  a <- rep(1e5, B)
  for (k in k0:B) a[k] <- uniroot(mean_gap, c(1e-5, a[k - 1]), k = k, tol = .Machine$double.eps^0.75)$root
  tail_at <- function(x, k) 1 - (k + 1 - etaB) * sum((x + 0:(t - 1))^s) / sum((k + 1 - 0:k) * (x + 0:k)^s)
  best <- 0
  # the maximum over the closed interval: optimize() never evaluates the ends, where the maximum can lie
  for (k in k0:(B - 1)) best <- max(best, optimize(tail_at, c(a[k + 1], a[k]), k = k, maximum = TRUE, tol = 1e-12)$objective,
                                    tail_at(a[k + 1], k), tail_at(a[k], k))
  best
}
max_q <- function(p, B) sum(ceiling((1:p) * 4 * B / p) + 1 - 2 * B < 0)
rconcave <- function(q, p, tau, B) {
  if (q == 0) return(0)
  if (q > max_q(p, B)) return(NA)
  W <- ceiling(signif(tau * 2 * B, 10))
  p * min(1, tail_bound(q^2 / p^2, W - B, B, -1/2), tail_bound(q / p, W, 2 * B, -1/4))
}
cases <- list(
  c(q = 5, p = 100, tau = 0.75, B = 50), c(q = 5, p = 100, tau = 0.6, B = 50), c(q = 5, p = 100, tau = 0.9, B = 50),
  c(q = 10, p = 166, tau = 0.6, B = 500), c(q = 3.7, p = 166, tau = 0.6, B = 500), c(q = 12.25, p = 166, tau = 0.8, B = 500),
  c(q = 8, p = 36, tau = 0.6, B = 500), c(q = 1, p = 10, tau = 1, B = 50), c(q = 0.5, p = 3, tau = 0.7, B = 50),
  c(q = 0, p = 20, tau = 0.6, B = 50),          # nothing selected: every bound is 0
  c(q = 40, p = 50, tau = 0.6, B = 50),         # q too large: unimodal (tau <= 3/4) and r-concave undefined
  c(q = 2, p = 40, tau = 0.501, B = 50)         # tau just above 1/2: below 1/2 + min(theta^2, ...), unimodal undefined
)
num <- function(v) if (is.na(v)) "null" else sprintf("%.15g", v)
rows <- vapply(cases, function(x) sprintf('{"q": %s, "p": %s, "threshold": %s, "pairs": %s, "none": %s, "unimodal": %s, "r_concave": %s}',
  num(x[["q"]]), num(x[["p"]]), num(x[["tau"]]), num(x[["B"]]), num(mb(x[["q"]], x[["p"]], x[["tau"]])),
  num(unimodal(x[["q"]], x[["p"]], x[["tau"]], x[["B"]])), num(rconcave(x[["q"]], x[["p"]], x[["tau"]], x[["B"]]))), "")
out <- sprintf('{\n  "meta": {"r_version": "%s", "script": "tests/reference/stability-bounds.R", "tolerance": 1e-6},\n  "cases": [\n    %s\n  ]\n}\n',
  R.version.string, paste(rows, collapse = ",\n    "))
writeLines(out, "tests/reference/fixtures/stability-bounds.json", sep = "")

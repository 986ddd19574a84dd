# Reference values for tests/pilot/indicators.test.ts (hand-made records in that test).
# Run: Rscript tests/pilot/reference/pilot-reference.R > tests/pilot/reference/pilot-reference.json
# LA E06900001, item trust_staff (likert5): responses 1 x1, 2 x2, 3 x3, 4 x4, 5 x2  -> n = 12, positive (4, 5) = 6
# LA E06900001, item listened_to (yesno): 10 yes of 12
# LA E06900002, item trust_staff: responses 5 x10, 4 x1, 2 x1 -> n = 12, positive = 11
scores_a <- c(1, rep(2, 2), rep(3, 3), rep(4, 4), rep(5, 2))
scores_b <- c(rep(5, 10), 4, 2)
w <- function(x, n) unname(prop.test(x, n, correct = FALSE)$conf.int[1:2]) * 100
tt <- function(s) unname(t.test(s)$conf.int[1:2])
out <- list(
  r_version = R.version.string,
  a_trust_share = c(estimate = 50, w(6, 12)),
  a_trust_mean = c(estimate = mean(scores_a), tt(scores_a)),
  a_listened_share = c(estimate = 100 * 10 / 12, w(10, 12)),
  b_trust_share = c(estimate = 100 * 11 / 12, w(11, 12)),
  b_trust_mean = c(estimate = mean(scores_b), tt(scores_b)),
  mean_1_2_3 = c(estimate = 2, tt(c(1, 2, 3)))
)
fmt <- function(v) if (is.character(v)) sprintf('"%s"', v) else sprintf("[%s]", paste(sprintf("%.15g", v), collapse = ", "))
cat("{\n", paste(sprintf('  "%s": %s', names(out), sapply(out, fmt)), collapse = ",\n"), "\n}\n", sep = "")

# Reference values for the LA profile methods (lib/indicators/{quartiles,overdispersion,trend}.ts).
#
# Run from the project root:  Rscript tests/reference/profile/make-profile-reference.R
# Writes tests/reference/profile/profile-reference.json. Base R only (R 4.2.2 here); the TypeScript tests
# read the JSON and do not need R. Numbers are written with 17 significant digits, NA as null.
#
# What is computed, and by which R function (independent of the TypeScript code):
#  - type-7 quartiles: stats::quantile(type = 7, na.rm = TRUE); LAIT bands by the rule in LAIT's
#    calculate_quartile_band (right-closed intervals, A = best quarter); ranks: rank(ties.method = "min").
#  - overdispersion: the FunnelPlotR / Spiegelhalter (2005) formulas written out in R on data simulated
#    below (beta-binomial proportions and gamma-Poisson rates, set.seed(20190401)): arcsine-sqrt and
#    sqrt-ratio transforms, winsorisation at quantile(0.1/0.9, type 7), phi = mean(z_w^2),
#    tau2 = max(0, (n phi - (n - 1)) / (sum(w) - sum(w^2)/sum(w))), p = pchisq(n phi, n - 1, lower = FALSE),
#    and the additive / multiplicative limits at a few denominators.
#  - trend: WLS slope and chi-square from lm(y ~ t, weights = 1/SE^2) (chi2 = b^2 / cov.unscaled), the
#    leave-one-out slopes; Cochran-Armitage chi-square from prop.trend.test(r, n, score = t);
#    threshold qchisq(0.998, 1).

num_json <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
to_json <- function(x, indent = 0) {
  pad <- strrep(" ", indent)
  if (is.list(x)) {
    if (!is.null(names(x))) {
      items <- mapply(function(k, v) paste0(pad, "  \"", k, "\": ", to_json(v, indent + 2)), names(x), x)
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", pad, "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, "", indent = indent + 2), collapse = ", "), "]"))
  }
  as_array <- inherits(x, "AsIs") || length(x) != 1
  vals <- if (is.character(x)) ifelse(is.na(x), "null", paste0("\"", x, "\"")) else
    if (is.logical(x)) ifelse(x, "true", "false") else num_json(as.numeric(x))
  if (as_array) paste0("[", paste(vals, collapse = ", "), "]") else vals
}

# ---------- quartiles, bands, ranks ----------
qv <- c(12.5, 30.1, 18.0, 18.0, 22.4, NA, 9.9, 41.0, 25.0, 18.0, 27.3, 33.3, 15.2)
qb <- quantile(qv, c(0, 0.25, 0.5, 0.75, 1), type = 7, na.rm = TRUE)
band_low_good <- function(v) ifelse(is.na(v), NA_character_,
  ifelse(v >= qb[1] & v <= qb[2], "A", ifelse(v > qb[2] & v <= qb[3], "B",
  ifelse(v > qb[3] & v <= qb[4], "C", ifelse(v > qb[4] & v <= qb[5], "D", "Error")))))
band_high_good <- function(v) chartr("ABCD", "DCBA", band_low_good(v))
rank_min <- function(v, desc) { r <- rank(if (desc) -v else v, ties.method = "min", na.last = "keep"); r }
quart <- list(
  values = I(qv),
  probs = I(c(0, 0.25, 0.5, 0.75, 1)),
  quantiles = I(unname(qb)),
  extra_probs = I(c(0.1, 0.9, 0.33)),
  extra_quantiles = I(unname(quantile(qv, c(0.1, 0.9, 0.33), type = 7, na.rm = TRUE))),
  bands_down = I(band_low_good(qv)),
  bands_up = I(band_high_good(qv)),
  ranks_up = I(rank_min(qv, TRUE)),
  ranks_down = I(rank_min(qv, FALSE))
)

# ---------- overdispersion ----------
set.seed(20190401)
m <- 40
den_p <- round(runif(m, 80, 2500))
p_la <- rbeta(m, 30 * 0.22, 30 * 0.78)           # true LA proportions around 22%, overdispersed
num_p <- rbinom(m, den_p, p_la)
den_r <- round(runif(m, 20000, 300000))          # child populations
rate_la <- rgamma(m, shape = 12, rate = 12 / 65) # true rates per 10,000 around 65, overdispersed
num_r <- rpois(m, rate_la * den_r / 10000)

winsor <- function(z, f = 0.1) {
  lo <- quantile(z, f, type = 7); hi <- quantile(z, 1 - f, type = 7)
  pmin(pmax(z, lo), hi)
}
od <- function(y, s, theta) {
  z <- (y - theta) / s
  zw <- winsor(z)
  n <- length(z)
  phi <- mean(zw^2)
  w <- 1 / s^2
  tau2 <- if (n * phi < n - 1) 0 else max(0, (n * phi - (n - 1)) / (sum(w) - sum(w^2) / sum(w)))
  list(z = z, phi = phi, tau2 = tau2, chisq = n * phi, p = pchisq(n * phi, n - 1, lower.tail = FALSE), n = n)
}
at <- c(100, 500, 2000)
# proportions
P <- sum(num_p) / sum(den_p)
theta_p <- asin(sqrt(P))
odp <- od(asin(sqrt(num_p / den_p)), 1 / (2 * sqrt(den_p)), theta_p)
lim_p <- function(n, z, tau2, infl) {
  s <- 1 / (2 * sqrt(n)); sd <- infl * sqrt(s^2 + tau2)
  ang <- function(a) pmin(pi / 2, pmax(0, a))
  100 * sin(ang(theta_p + z * sd))^2
}
z95 <- qnorm(0.975); z998 <- qnorm(0.999)
prop_out <- list(
  numerators = I(num_p), denominators = I(den_p), target_percent = 100 * P,
  phi = odp$phi, tau2 = odp$tau2, chisq = odp$chisq, p = odp$p, n = odp$n, z = I(odp$z),
  at = I(at),
  additive_upper998 = I(lim_p(at, z998, odp$tau2, 1)),
  additive_lower95 = I(lim_p(at, -z95, odp$tau2, 1)),
  multiplicative_upper998 = I(lim_p(at, z998, 0, sqrt(max(1, odp$phi)))),
  none_upper95 = I(lim_p(at, z95, 0, 1))
)
# rates per 10,000
R <- 10000 * sum(num_r) / sum(den_r)
E <- R * den_r / 10000
odr <- od(sqrt(num_r / E), 1 / (2 * sqrt(E)), 1)
at_r <- c(20000, 100000, 400000)
lim_r <- function(n, z, tau2, infl) {
  s <- 1 / (2 * sqrt(R * n / 10000)); sd <- infl * sqrt(s^2 + tau2)
  R * pmax(0, 1 + z * sd)^2
}
rate_out <- list(
  numerators = I(num_r), denominators = I(den_r), target_per10k = R,
  phi = odr$phi, tau2 = odr$tau2, chisq = odr$chisq, p = odr$p, n = odr$n, z = I(odr$z),
  at = I(at_r),
  additive_upper998 = I(lim_r(at_r, z998, odr$tau2, 1)),
  additive_lower998 = I(lim_r(at_r, -z998, odr$tau2, 1)),
  multiplicative_lower95 = I(lim_r(at_r, -z95, 0, sqrt(max(1, odr$phi))))
)

# ---------- trend ----------
years <- 2020:2024
tv <- c(60.2, 63.1, 61.8, 66.0, 68.4); tl <- c(57.9, 60.9, 59.5, 63.8, 66.1); tu <- c(62.5, 65.3, 64.1, 68.2, 70.7)
wls <- function(keep) {
  t <- (1:5)[keep]; y <- tv[keep]; w <- 1 / ((tu[keep] - tl[keep]) / 3.92)^2
  fit <- lm(y ~ t, weights = w)
  b <- unname(coef(fit)[2])
  list(slope = b, chisq = b^2 / summary(fit)$cov.unscaled[2, 2])
}
full <- wls(rep(TRUE, 5))
loo <- sapply(1:5, function(i) wls(seq_len(5) != i)$slope)
tr <- c(310, 335, 352, 349, 390); tn <- c(1500, 1510, 1490, 1505, 1520)
ca <- suppressWarnings(prop.trend.test(tr, tn, score = 1:5))
logit <- log(tr / (tn - tr))
ols_slope <- function(keep) unname(coef(lm(logit[keep] ~ (1:5)[keep]))[2])
trend <- list(
  threshold = qchisq(0.998, 1),
  wls = list(periods = I(years), value = I(tv), lower95 = I(tl), upper95 = I(tu),
             slope = full$slope, chisq = full$chisq, loo_slopes = I(loo)),
  cochran_armitage = list(periods = I(years), numerator = I(tr), denominator = I(tn),
             chisq = unname(ca$statistic), p = ca$p.value,
             logit_slope = ols_slope(rep(TRUE, 5)), loo_logit_slopes = I(sapply(1:5, function(i) ols_slope(seq_len(5) != i))))
)

out <- list(r_version = R.version.string, quartiles = quart, overdispersion_proportion = prop_out,
            overdispersion_rate = rate_out, trend = trend)
dir <- "tests/reference/profile"
writeLines(to_json(out), file.path(dir, "profile-reference.json"))
cat("wrote", file.path(dir, "profile-reference.json"), "\n")

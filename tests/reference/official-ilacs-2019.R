# Reference values for tests/cli/analyse-official-r.test.ts: the screen of `vital-signs analyse` on the
# imported official package, recomputed the ordinary R way from the package CSVs.
#
#   Rscript tests/reference/official-ilacs-2019.R /tmp/england
#
# where /tmp/england is `vital-signs import ../shared/data/official --out /tmp/england`. Writes
# tests/reference/fixtures/official-ilacs-2019.json. Base R 4.2.2 only (read.csv, lm, cor, cor.test, pt, qnorm).
#
# The analysis (the CLI options in `cli_args` below):
# - LAs: areas.csv rows that exist in 2019 (first_period <= 2019 <= last_period, blanks open-ended);
# - outcome: each LA's FIRST ofsted_ilacs_overall judgement (by publication date), kept only if published on or
#   before 2020-03-31; "better" = -grade (1 Outstanding ... 4 Inadequate);
# - indicators: every catalogue row whose framework_role is not "context" and that is not a count tagged
#   child-outcome (need, demand and size are allowed for, not screened), values for the year ending March 2019;
# - context: idaci_score for 2019 (the nearest period to 2019, earlier on a tie; IoD 2019);
# - per indicator, on the LAs with the indicator, the outcome and IDACI (n_complete):
#   raw r = cor.test(x, better) (Pearson; t on n - 2 df; Fisher-z 95% interval),
#   partial r = cor(resid(lm(x ~ idaci)), resid(lm(better ~ idaci))), t on n - 3 df,
#   95% interval tanh(atanh(r) +- qnorm(0.975) / sqrt(n - 4));
#   with --method spearman (block "spearman"): raw rho = cor.test(x, better, method = "spearman") (AS 89 p without
#   ties, t with ties: R's default), partial rho = cor of lm residuals of the ranks (ranks within the n_complete LAs,
#   as ppcor), t on n - 3 df; intervals Fisher z with the Bonett-Wright (2000) SE sqrt((1 + r^2/2)/(n - 3 - k));
#   n = LAs with the indicator and the outcome; a fingerprint of the inputs (sums over the n_complete LAs) lets
#   the test tell a changed import from a wrong statistic.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript tests/reference/official-ilacs-2019.R PACKAGE_DIR")
pkg <- args[1]
PERIOD <- 2019
LINK_DATE <- "2020-03-31"
OUTCOME <- "ofsted_ilacs_overall"
CONTEXT <- "idaci_score"
rd <- function(f, ...) read.csv(file.path(pkg, f), stringsAsFactors = FALSE, na.strings = "", check.names = FALSE, ...)

areas <- rd("areas.csv", colClasses = c(la_code = "character", first_period = "numeric", last_period = "numeric"))
keep <- (is.na(areas$first_period) | areas$first_period <= PERIOD) & (is.na(areas$last_period) | areas$last_period >= PERIOD)
las <- areas$la_code[keep]

outcomes <- rd("outcomes.csv", colClasses = c(la_code = "character", outcome = "character", value = "numeric", date = "character"))
outcomes$date[is.na(outcomes$date)] <- ""
oc <- outcomes[outcomes$outcome == OUTCOME & !is.na(outcomes$value), ]
grade <- setNames(rep(NA_real_, length(las)), las)
for (la in las) {
  j <- oc[oc$la_code == la, ]
  if (nrow(j) == 0) next
  j <- j[order(j$date, method = "radix"), ]          # stable: table order on equal dates; "" first
  if (j$date[1] != "" && j$date[1] <= LINK_DATE) grade[la] <- j$value[1]
}
better <- -grade

context <- rd("context.csv", colClasses = c(la_code = "character", period = "numeric", variable = "character", value = "numeric"))
ctx <- context[context$variable == CONTEXT & !is.na(context$value) & context$la_code %in% las, ]
ctx$distance <- abs(ctx$period - PERIOD) + ifelse(ctx$period > PERIOD, 0.5, 0)
idaci <- setNames(rep(NA_real_, length(las)), las)
for (la in las) {
  r <- ctx[ctx$la_code == la, ]
  if (nrow(r) > 0) idaci[la] <- r$value[which.min(r$distance)]
}

catalogue <- rd("catalogue.csv")
ids <- catalogue$indicator[catalogue$framework_role != "context" & !(catalogue$framework_role == "child-outcome" & catalogue$unit == "count")]
ind <- rd("indicators.csv", colClasses = c(la_code = "character", period = "numeric", indicator = "character", value = "numeric"))
ind <- ind[ind$period == PERIOD & !is.na(ind$value) & ind$la_code %in% las, ]

screen_one <- function(x, adjust = TRUE, method = "pearson") {
  ok_pair <- !is.na(x) & !is.na(better)
  ok <- ok_pair & !is.na(idaci)
  n <- sum(ok)
  res <- list(n = sum(ok_pair), n_complete = n, sum_x = sum(x[ok]), sum_x2 = sum(x[ok]^2), sum_x_better = sum(x[ok] * better[ok]))
  if (n < 5 || sd(x[ok]) == 0) return(res)
  ct <- suppressWarnings(cor.test(x[ok], better[ok], method = method))
  z975 <- qnorm(0.975)
  se <- function(r, k) if (method == "pearson") 1 / sqrt(n - 3 - k) else sqrt((1 + r^2 / 2) / (n - 3 - k))
  rr <- unname(ct$estimate)
  raw <- list(raw_r = rr, raw_p = ct$p.value,
              raw_r_lower = tanh(atanh(rr) - z975 * se(rr, 0)), raw_r_upper = tanh(atanh(rr) + z975 * se(rr, 0)))
  if (method == "pearson") { raw$raw_r_lower <- ct$conf.int[1]; raw$raw_r_upper <- ct$conf.int[2] }
  if (!adjust) return(c(res, raw))   # a context variable is not adjusted for itself
  prep <- if (method == "pearson") identity else rank
  xs <- prep(x[ok]); ys <- prep(better[ok]); zs <- prep(idaci[ok])
  ex <- residuals(lm(xs ~ zs))
  ey <- residuals(lm(ys ~ zs))
  pr <- cor(ex, ey)
  df <- n - 3
  c(res, raw, list(
    partial_r = pr, partial_p = 2 * pt(-abs(pr * sqrt(df / (1 - pr^2))), df),
    partial_r_lower = tanh(atanh(pr) - z975 * se(pr, 1)), partial_r_upper = tanh(atanh(pr) + z975 * se(pr, 1)),
    context_r2 = summary(lm(x[ok] ~ idaci[ok]))$r.squared
  ))
}
vals <- function(id) {
  v <- setNames(rep(NA_real_, length(las)), las)
  r <- ind[ind$indicator == id, ]
  v[r$la_code] <- r$value
  v
}
res <- lapply(setNames(ids, ids), function(id) screen_one(vals(id)))
res_context <- list(idaci_score = screen_one(idaci, adjust = FALSE))
res_sp <- lapply(setNames(ids, ids), function(id) screen_one(vals(id), method = "spearman"))
res_context_sp <- list(idaci_score = screen_one(idaci, adjust = FALSE, method = "spearman"))

num <- function(v) ifelse(is.na(v), "null", trimws(formatC(v, digits = 17, format = "g")))
obj <- function(l) paste0("{", paste(sprintf('"%s": %s', names(l), sapply(l, num)), collapse = ", "), "}")
block <- function(r) paste0(sprintf('    "%s": %s', names(r), sapply(r, obj)), collapse = ",\n")
out <- c("{",
  sprintf('  "generator": "tests/reference/official-ilacs-2019.R, %s",', R.version.string),
  '  "cli_args": ["--outcome", "ofsted_ilacs_overall", "--period", "2019", "--link", "first-on-or-before", "--date", "2020-03-31", "--context", "idaci_score", "--method", "pearson"],',
  sprintf('  "las": %d,', length(las)),
  sprintf('  "linked": %d,', sum(!is.na(grade))),
  '  "indicators": {', block(res), "  },",
  '  "context": {', block(res_context), "  },",
  '  "spearman": {',
  '    "indicators": {', gsub("^", "  ", block(res_sp)), "    },",
  '    "context": {', gsub("^", "  ", block(res_context_sp)), "    }",
  "  }",
  "}")
writeLines(out, "tests/reference/fixtures/official-ilacs-2019.json")
cat(sprintf("wrote tests/reference/fixtures/official-ilacs-2019.json: %d LAs, %d linked, %d indicators\n", length(las), sum(!is.na(grade)), length(ids)))

# Which K the CR1 small-sample factor (n − 1)/(n − K)·G/(G − 1) of lib/stats/panel.ts uses, against the two
# published conventions it is compared with, on the official package: care leavers 19–21 in EET on
# lait_stayingput (LA and year fixed effects, SE clustered by LA), the walkthrough's example.
#
# fixest is not installable here, so its K is computed by hand from its source (lrberge/fixest, commit dbe56c5):
#   R/fixest_env.R, feols's parameter count: nparams = k + sum(fixef_sizes - 1) + 1       (= k + G + T − 1)
#   R/VCOV.R, ssc(fixef.K = "nested") with the LA effect nested in the LA clusters (fixef.force_exact = FALSE):
#     K = nparams - (sum(fixef_sizes[is_nested]) - sum(fixef_sizes[is_nested] > 0))          (= k + T)
#   (the "On standard-errors" vignette's figure gives the same: K_fixef = 2 for 2 periods with the id effect nested).
# reghdfe (sergiocorreia/reghdfe src/reghdfe_common.mata, reghdfe_cluster): dof_adj = (N − 1)/(N − nested_adj − K)
#   · G/(G − 1) with K = rank + df_a, df_a = T − 1 (the year effects less the one redundant with the nested LA
#   effects) and nested_adj = (df_a == 0), so K = k + T − 1 when years are absorbed too.
# feols keeps singleton LAs (its default fixef.rm = "none", so its n and G count them); reghdfe and the workbench drop
# them: both K's are applied to the sample without singletons, as the workbench's is.
#
# Run: Rscript tests/reference/panel-cr1-k.R /work/ref/import-r16 (R 4.2.2, plm 2.6-2, sandwich 3.0-2)
# Writes tests/reference/panel-cr1-k-reference.json.

suppressPackageStartupMessages({ library(plm) })
options(plm.fast = FALSE)
args <- commandArgs(trailingOnly = TRUE)
pkg <- if (length(args) >= 1) args[[1]] else "/work/ref/import-r16"
ind <- read.csv(file.path(pkg, "indicators.csv"), stringsAsFactors = FALSE, colClasses = c(value = "character"))
ind$value <- suppressWarnings(as.numeric(ind$value))
series <- function(id, name) {
  s <- ind[ind$indicator == id & !is.na(ind$value), c("la_code", "period", "value")]
  setNames(s, c("unit", "time", name))
}
d <- merge(series("care_leavers_eet_19_21_pct", "y"), series("lait_stayingput", "x"), by = c("unit", "time"))
counts <- table(d$unit)
d <- d[d$unit %in% names(counts)[counts > 1], ] # singletons dropped, as reghdfe and the workbench
fit <- plm(y ~ x, data = pdata.frame(d, index = c("unit", "time")), model = "within", effect = "twoways")
V0 <- vcovHC(fit, type = "HC0", cluster = "group")[1, 1]
n <- nrow(d); G <- length(unique(d$unit)); Tn <- length(unique(d$time)); k <- 1
fixef_sizes <- c(unit = G, time = Tn)
nparams <- k + sum(fixef_sizes - 1) + 1
K_fixest <- nparams - (fixef_sizes[["unit"]] - 1)
df_a <- Tn - 1
K_reghdfe <- k + df_a + 0 # nested_adj = (df_a == 0) = 0
se <- function(K) sqrt(V0 * (n - 1) / (n - K) * G / (G - 1))
out <- sprintf(paste0("{\n  \"r\": \"%s\",\n  \"package\": \"%s\",\n  \"n\": %d,\n  \"n_las\": %d,\n  \"n_years\": %d,\n",
  "  \"coef\": %.17g,\n  \"K_fixest_nested\": %d,\n  \"se_fixest_nested\": %.17g,\n  \"K_reghdfe\": %d,\n  \"se_reghdfe\": %.17g\n}"),
  R.version.string, pkg, n, G, Tn, coef(fit)[["x"]], as.integer(K_fixest), se(K_fixest), as.integer(K_reghdfe), se(K_reghdfe))
writeLines(out, "tests/reference/panel-cr1-k-reference.json")
cat(out, "\n")

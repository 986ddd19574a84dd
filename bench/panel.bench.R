# R baseline for bench/panel.bench.ts: per indicator plm within twoways, vcovHC(HC0, cluster = "group"),
# coeftest, the CR1 factor, and cor of LA means (the work of panelAnalysis).
# Usage: Rscript bench/panel.bench.R <panel.csv>. Prints one JSON line of timings (seconds).
# plm's defaults are used (as a user would run it; plm.fast uses collapse for unbalanced two-way demeaning).
suppressPackageStartupMessages({ library(plm); library(sandwich); library(lmtest) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
inds <- grep("^ind", names(d), value = TRUE)
pd <- pdata.frame(d, index = c("unit", "time"))
coef1 <- NA
t0 <- proc.time()
for (j in seq_along(inds)) {
  f <- as.formula(paste("y ~", inds[j]))
  fit <- plm(f, data = pd, model = "within", effect = "twoways")
  V <- vcovHC(fit, type = "HC0", cluster = "group")
  ct <- coeftest(fit, vcov = V)
  ok <- complete.cases(d$y, d[[inds[j]]])
  n <- sum(ok); G <- length(unique(d$unit[ok])); Tn <- length(unique(d$time[ok]))
  se1 <- sqrt(V[1, 1] * (n - 1) / (n - 1 - Tn) * G / (G - 1))
  p1 <- 2 * pt(-abs(coef(fit)[1] / se1), G - 1)
  m <- aggregate(cbind(y = d$y[ok], x = d[[inds[j]]][ok]), by = list(u = d$unit[ok]), FUN = mean)
  br <- cor(m$x, m$y)
  if (j == 1) coef1 <- unname(coef(fit)[1])
}
el <- proc.time() - t0
cat(sprintf("{\"panel\": %.6f, \"panel_cpu\": %.6f, \"coef1\": %.10g, \"r\": \"%s\", \"plm\": \"%s\"}\n", el[["elapsed"]], el[["user.self"]] + el[["sys.self"]], coef1, R.version$version.string, as.character(packageVersion("plm"))))

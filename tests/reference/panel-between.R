# Reference values for tests/vitals/panel-between.test.ts: the between-LA association of `vital-signs panel`
# (lib/vitals/panel.ts: between_r, between_p, between_q, between_n_las). For each indicator x of a run: the LA
# means of x and of the outcome over the LA-years with both (single-year LAs included), r = cor of the means,
# p = cor.test(means x, means y)$p.value (t on LAs - 2 df), q = p.adjust(p of the run's indicators, "BH").
#
# Run from the project root: Rscript tests/reference/panel-between.R   (R 4.2.2, base R only)
# Cases:
#  - official: the care-leavers EET panel of panel.R (y = care_leavers_eet_19_21_pct; x1 = csww_turnover_pct,
#    x2 = cpp_second_time_pct), read from the committed fixtures/panel-official.csv that panel.R extracted from
#    the imported official package; the run is the two indicators.
#  - synthetic: 14 LAs x 5 years, seeded, written to fixtures/panel-between-synthetic.csv; three indicators, one of
#    them (x2) observed in a single year for 4 LAs, and the outcome missing in some LA-years, so the LAs counted by
#    the between correlation differ between indicators and exceed the within estimation's LAs.
# Writes tests/reference/fixtures/panel-between.json. Tests read the JSON and the CSVs and never call R.

num <- function(z) paste0("[", paste(ifelse(is.na(z), "null", sprintf("%.17g", z)), collapse = ", "), "]")

between <- function(d, xs) {
  per <- lapply(xs, function(x) {
    ok <- !is.na(d$y) & !is.na(d[[x]])
    means <- aggregate(d[ok, c("y", x)], by = list(unit = d$unit[ok]), FUN = mean)
    years <- table(d$unit[ok])
    test <- cor.test(means[[x]], means$y)
    list(r = unname(test$estimate), p = test$p.value, n_las = nrow(means), single_year_las = sum(years == 1))
  })
  p <- vapply(per, `[[`, 0, "p")
  paste0("{\"indicators\": ", paste0("[", paste(paste0("\"", xs, "\""), collapse = ", "), "]"),
         ", \"r\": ", num(vapply(per, `[[`, 0, "r")), ", \"p\": ", num(p), ", \"q\": ", num(p.adjust(p, "BH")),
         ", \"n_las\": ", num(vapply(per, `[[`, 0, "n_las")), ", \"single_year_las\": ", num(vapply(per, `[[`, 0, "single_year_las")), "}")
}

official <- read.csv("tests/reference/fixtures/panel-official.csv", stringsAsFactors = FALSE)

set.seed(20261206)
units <- sprintf("E0900%04d", 1:14); years <- 2019:2023
syn <- expand.grid(time = years, unit = units, stringsAsFactors = FALSE)[, c("unit", "time")]
level <- setNames(rnorm(14), units)
syn$x1 <- round(level[syn$unit] + rnorm(nrow(syn), sd = 0.7), 3)
syn$x2 <- round(-0.5 * level[syn$unit] + rnorm(nrow(syn)), 3)
syn$x3 <- round(rnorm(nrow(syn)), 3)
syn$y <- round(2 * level[syn$unit] + 0.3 * (syn$time - 2019) + rnorm(nrow(syn)), 3)
# x2 only in 2021 for four LAs; the outcome missing in a few LA-years
single <- syn$unit %in% units[c(2, 5, 9, 13)] & syn$time != 2021
syn$x2[single] <- NA
syn$y[c(3, 17, 18, 40)] <- NA
rownames(syn) <- NULL
write.csv(syn[, c("unit", "time", "y", "x1", "x2", "x3")], "tests/reference/fixtures/panel-between-synthetic.csv", row.names = FALSE, na = "")

json <- paste0("{\n  \"r_version\": \"", R.version.string, "\",\n  \"script\": \"tests/reference/panel-between.R\",\n  \"tolerance\": 1e-8,\n",
  "  \"official\": ", between(official, c("x1", "x2")), ",\n",
  "  \"synthetic\": ", between(syn, c("x1", "x2", "x3")), "\n}\n")
writeLines(json, "tests/reference/fixtures/panel-between.json", sep = "")
cat(json)

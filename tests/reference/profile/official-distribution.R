# Reference values for the LA profile's distribution over LAs of official indicators (review F2, round 23): every
# published value is in it, those the profile withholds from display (a denominator of 1-9 pupils) included.
#
# Run from the project root, on a package imported from the official folder:
#   node bin/vital-signs.js import ../shared/data/official --out /tmp/official --created 2026-01-01T00:00:00Z
#   Rscript tests/reference/profile/official-distribution.R /tmp/official
# Writes tests/reference/profile/official-distribution-reference.json. Base R only (R 4.2.2 here); the test
# (tests/profile/official-distribution.test.ts) reads the JSON and needs no R.
#
# For each case (LA, indicator, period): the LAs' finite values of the indicator in the period (indicators.csv, every
# LA with a row), their number, stats::quantile(type = 7) at 0, .25, .5, .75, 1, the LA's rank among them with
# rank(ties.method = "min") by polarity (1 = best; higher better negates), and stats::sd (the spread of the
# triangulation's z, (value - England) / sd).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript official-distribution.R PACKAGE_DIR")
ind <- read.csv(file.path(args[1], "indicators.csv"), colClasses = c(la_code = "character", indicator = "character", status = "character"))
cat_rows <- read.csv(file.path(args[1], "catalogue.csv"), colClasses = "character")

cases <- list(
  list(la = "E08000035", indicator = "cpp_ks4_attainment8", period = 2025), # Leeds: the review's 37/95, R 51/131
  list(la = "E08000035", indicator = "cpp_ks4_progress8", period = 2024),   # Leeds: 71/89 of 122
  list(la = "E08000035", indicator = "cla_ks4_attainment8", period = 2025),
  list(la = "E08000035", indicator = "csww_caseload", period = 2026),       # 149 of 151: City of London's 7 FTE
  list(la = "E09000001", indicator = "csww_caseload", period = 2026),       # City of London itself, shown
  list(la = "E06000005", indicator = "cpp_ks4_attainment8", period = 2024)  # Darlington: withheld (6 pupils)
)

num_json <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
one <- function(k) {
  cs <- cases[[k]]
  rows <- ind[ind$indicator == cs$indicator & ind$period == cs$period & is.finite(ind$value), ]
  polarity <- cat_rows$polarity[cat_rows$indicator == cs$indicator]
  v <- rows$value
  q <- unname(quantile(v, c(0, 0.25, 0.5, 0.75, 1), type = 7))
  r <- rank(if (polarity == "up") -v else v, ties.method = "min")
  la_value <- rows$value[rows$la_code == cs$la]
  la_den <- rows$denominator[rows$la_code == cs$la]
  paste0(
    "    {\"la\": \"", cs$la, "\", \"indicator\": \"", cs$indicator, "\", \"period\": ", cs$period,
    ", \"polarity\": \"", polarity, "\", \"value\": ", num_json(la_value), ", \"denominator\": ", num_json(la_den),
    ", \"n\": ", length(v), ", \"quartiles\": [", paste(num_json(q), collapse = ", "), "]",
    ", \"rank\": ", r[rows$la_code == cs$la], ", \"sd\": ", num_json(sd(v)), "}"
  )
}
out <- paste0(
  "{\n  \"r_version\": \"", R.version.string, "\",\n  \"cases\": [\n",
  paste(vapply(seq_along(cases), one, ""), collapse = ",\n"), "\n  ]\n}\n"
)
writeLines(out, "tests/reference/profile/official-distribution-reference.json", sep = "")

# Reference values for tests/plots/fit-band.test.ts (R 4.2.2):
# the least-squares line and its 95% confidence band for the mean, as ggplot2's geom_smooth(method = "lm").
x <- c(1, 2, 3, 4, 5.5, 7, 8); y <- c(2.1, 3.9, 6.2, 7.8, 11.5, 13.6, 16.9)
f <- lm(y ~ x); g <- seq(min(x), max(x), length.out = 5)
p <- predict(f, data.frame(x = g), interval = "confidence", level = 0.95)
cat(sprintf("%.10f", coef(f)), "\n"); print(format(p, digits = 12))
# output:
# -0.1262831858 2.0617699115
#   fit              lwr              upr
# 1 " 1.93548672566" " 1.17998053667" " 2.69099291466"
# 2 " 5.54358407080" " 5.01470711226" " 6.07246102933"
# 3 " 9.15168141593" " 8.71139392775" " 9.59196890411"
# 4 "12.75977876106" "12.20012144936" "13.31943607277"
# 5 "16.36787610619" "15.56925195169" "17.16650026070"

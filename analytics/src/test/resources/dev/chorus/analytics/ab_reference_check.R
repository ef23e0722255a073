# Recomputes the A/B reference values with R's own functions and prints the largest difference
# from the stored CSVs. Run: Rscript ab_reference_check.R (from this folder).
d <- read.csv("normal.csv"); cat("normal   ", max(abs(pnorm(d$x) - d$cdf) / pmax(1, abs(d$cdf))), "\n")
d <- read.csv("quantile.csv"); cat("quantile ", max(abs(qnorm(d$p) - d$x)), "\n")
d <- read.csv("fisher.csv")
f <- function(r, alt) fisher.test(matrix(c(r$x1, r$n1 - r$x1, r$x2, r$n2 - r$x2), 2), alternative = alt)$p.value
diffs <- sapply(seq_len(nrow(d)), function(i) { r <- d[i, ]
  max(abs(f(r, "two.sided") - r$two_sided), abs(f(r, "less") - r$less), abs(f(r, "greater") - r$greater)) })
cat("fisher   ", max(diffs), "\n")
d <- read.csv("ztest.csv")
diffs <- sapply(seq_len(nrow(d)), function(i) { r <- d[i, ]
  t <- prop.test(c(r$x2, r$x1), c(r$n2, r$n1), correct = FALSE, conf.level = r$confidence)
  z <- sign(r$x2 / r$n2 - r$x1 / r$n1) * sqrt(unname(t$statistic))
  max(abs(z - r$z), abs(t$p.value - r$p), abs(t$conf.int[1] - r$ci_lower), abs(t$conf.int[2] - r$ci_upper)) })
cat("ztest    ", max(diffs), "\n")
d <- read.csv("samplesize.csv")
diffs <- sapply(seq_len(nrow(d)), function(i) { r <- d[i, ]
  abs(power.prop.test(p1 = r$p1, p2 = r$p2, sig.level = r$alpha, power = r$power, strict = FALSE)$n - r$n) })
cat("samplesize", max(diffs), "\n")

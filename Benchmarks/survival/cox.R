# R side of the benchmark: 5-covariate Cox model, Efron ties (coxph default).
suppressPackageStartupMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1])
fit <- coxph(Surv(time, event) ~ x1 + x2 + x3 + x4 + x5, data = d)
s <- summary(fit)
invisible(s)

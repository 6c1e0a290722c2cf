# R side of the benchmark: Kaplan–Meier by group (+ summary and medians) and log-rank.
suppressPackageStartupMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1])
fit <- survfit(Surv(time, event) ~ group, data = d)
s <- summary(fit)
q <- quantile(fit, 0.5)
lr <- survdiff(Surv(time, event) ~ group, data = d)
invisible(list(s, q, lr))

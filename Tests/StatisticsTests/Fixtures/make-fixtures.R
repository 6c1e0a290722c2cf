# Generates the R reference fixtures for the Statistics tests.
# Run from this folder:  Rscript make-fixtures.R
# Needs only R and the recommended 'survival' package (Debian: r-base-core r-cran-survival).
# Expected values come from R's survival package, never from the Swift code.
suppressPackageStartupMessages(library(survival))

# ---- minimal JSON writer (no jsonlite dependency) -------------------------------------
arr <- function(x) structure(as.list(x), class = "jsonarray")   # force a JSON array
num <- function(x) {
  if (length(x) != 1) stop("num() takes one value")
  if (is.na(x) || !is.finite(x)) "null" else sprintf("%.17g", x)
}
to_json <- function(x) {
  if (inherits(x, "jsonarray")) {
    return(paste0("[", paste(vapply(unclass(x), to_json, ""), collapse = ","), "]"))
  }
  if (is.list(x)) {
    if (!is.null(names(x))) {
      body <- mapply(function(k, v) paste0("\"", k, "\":", to_json(v)), names(x), x)
      return(paste0("{", paste(body, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  if (is.character(x)) {
    if (length(x) != 1) return(to_json(arr(x)))
    return(paste0("\"", gsub("\"", "\\\\\"", x), "\""))
  }
  if (is.logical(x) && length(x) == 1 && !is.na(x)) return(if (x) "true" else "false")
  if (length(x) != 1) return(to_json(arr(x)))
  num(as.numeric(x))
}
write_json <- function(x, file) writeLines(to_json(x), file)

# ---- data sets as CSV (NA written as empty cells) ---------------------------------------
lung2 <- data.frame(time = lung$time, event = lung$status - 1, sex = lung$sex, age = lung$age,
                    ph.ecog = lung$ph.ecog, ph.karno = lung$ph.karno, wt.loss = lung$wt.loss)
write.csv(lung2, "lung.csv", row.names = FALSE, na = "")
write.csv(ovarian, "ovarian.csv", row.names = FALSE, na = "")
write.csv(veteran, "veteran.csv", row.names = FALSE, na = "")
mg <- data.frame(etime = ifelse(mgus2$pstat == 0, mgus2$futime, mgus2$ptime),
                 cause = ifelse(mgus2$pstat == 0, 2 * mgus2$death, 1))
write.csv(mg, "mgus2-competing.csv", row.names = FALSE, na = "")

# ---- Kaplan–Meier ---------------------------------------------------------------------
quant <- function(fit, p) {
  q <- quantile(fit, probs = p)
  list(probability = p, estimate = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper))
}
curve_json <- function(fit) {
  ev <- fit$n.event > 0
  s <- fit$surv
  list(n = fit$n, events = sum(fit$n.event),
       time = arr(fit$time[ev]), atRisk = arr(fit$n.risk[ev]), nEvent = arr(fit$n.event[ev]),
       censored = arr(fit$n.censor[ev]), survival = arr(s[ev]),
       stdErr = arr((s * fit$std.err)[ev]),            # SE of S, as summary(fit)$std.err
       lower = arr(fit$lower[ev]), upper = arr(fit$upper[ev]),
       median = quant(fit, 0.5), q25 = quant(fit, 0.25), q75 = quant(fit, 0.75))
}
km_case <- function(name, data, formula, conf.type = "log", conf.int = 0.95, timevar, eventvar, groupvar = NULL) {
  fit <- survfit(formula, data = data, conf.type = conf.type, conf.int = conf.int)
  groups <- list()
  if (is.null(fit$strata)) {
    groups[[1]] <- c(list(group = "all"), curve_json(fit))
  } else {
    lev <- names(fit$strata)
    for (i in seq_along(lev)) {
      g <- fit[i]
      groups[[i]] <- c(list(group = sub("^[^=]*=", "", lev[i])), curve_json(g))
    }
  }
  list(name = name, time = timevar, event = eventvar, group = if (is.null(groupvar)) "" else groupvar,
       confType = conf.type, confLevel = conf.int, groups = groups)
}
lungE <- transform(lung, event = status - 1)
vet <- veteran
km <- list(
  km_case("lung overall", lungE, Surv(time, event) ~ 1, timevar = "time", eventvar = "event"),
  km_case("lung by sex log-log 90%", lungE, Surv(time, event) ~ sex, "log-log", 0.90, "time", "event", "sex"),
  km_case("lung by ph.ecog plain", lungE, Surv(time, event) ~ ph.ecog, "plain", 0.95, "time", "event", "ph.ecog"),
  km_case("ovarian by rx", ovarian, Surv(futime, fustat) ~ rx, "log", 0.95, "futime", "fustat", "rx"),
  km_case("veteran by celltype log-log", vet, Surv(time, status) ~ celltype, "log-log", 0.95, "time", "status", "celltype"),
  km_case("veteran by trt plain 99%", vet, Surv(time, status) ~ trt, "plain", 0.99, "time", "status", "trt")
)

# landmarks, RMST, reverse-KM follow-up on lung overall
fit <- survfit(Surv(time, event) ~ 1, data = lungE)
lm <- summary(fit, times = c(0, 5, 180, 365, 730, 1022))
landmarks <- list(time = arr(lm$time), atRisk = arr(lm$n.risk), survival = arr(lm$surv),
                  stdErr = arr(lm$std.err), lower = arr(lm$lower), upper = arr(lm$upper))
rm_case <- function(tau) {
  t <- summary(fit, rmean = tau)$table
  list(horizon = tau, estimate = unname(t["rmean"]), standardError = unname(t["se(rmean)"]))
}
rmst <- list(rm_case(365), rm_case(730), rm_case(1022), rm_case(100), rm_case(2000))
rfit <- survfit(Surv(time, 1 - event) ~ 1, data = lungE)
followup <- quant(rfit, 0.5)
ofit <- survfit(Surv(futime, fustat) ~ 1, data = ovarian)
ovfollow <- quant(survfit(Surv(futime, 1 - fustat) ~ 1, data = ovarian), 0.5)
ovrm <- summary(ofit, rmean = 1000)$table

# ---- small hand-made curves: quantile rules -----------------------------------------
small <- function(time, status, p = 0.5, conf.type = "log") {
  f <- survfit(Surv(time, status) ~ 1, conf.type = conf.type)
  c(list(times = arr(time), events = arr(status), confType = conf.type), quant(f, p))
}
smallcases <- list(
  small(c(1, 2, 3, 4), c(1, 1, 1, 1)),                    # flat at 0.5 on [2,3): midpoint
  small(c(1, 2, 3, 4), c(1, 1, 0, 0)),                    # ends at exactly 0.5
  small(c(1, 2, 2, 3, 4, 5, 6), c(1, 1, 0, 1, 0, 1, 1)),  # ties with censoring
  small(c(5, 5, 5, 8, 9, 12), c(1, 1, 0, 1, 1, 0)),       # tied events
  small(c(3, 4, 7), c(0, 0, 0)),                           # all censored
  small(c(3, 4, 7, 9), c(0, 1, 0, 0)),                     # single event
  small(c(1, 2, 3, 4, 5, 6, 7, 8), c(1, 1, 1, 1, 1, 1, 1, 1), 0.25, "log-log"),
  small(c(1, 2, 3, 4, 5, 6, 7, 8), c(1, 0, 1, 1, 0, 1, 1, 1), 0.75, "plain")
)

# ---- log-rank -------------------------------------------------------------------------
lr_case <- function(name, formula, data, timevar, eventvar, groupvar, stratavar = "") {
  d <- survdiff(formula, data = data)
  obs <- if (is.matrix(d$obs)) rowSums(d$obs) else d$obs
  ex <- if (is.matrix(d$exp)) rowSums(d$exp) else d$exp
  df <- sum(ex > 0) - 1
  list(name = name, time = timevar, event = eventvar, group = groupvar, strata = stratavar,
       chiSquare = d$chisq, degreesOfFreedom = df, pValue = pchisq(d$chisq, df, lower.tail = FALSE),
       groups = arr(sub("^[^=]*=", "", names(d$n))), n = arr(as.vector(d$n)),
       observed = arr(obs), expected = arr(ex))
}
logrank <- list(
  lr_case("lung by sex", Surv(time, event) ~ sex, lungE, "time", "event", "sex"),
  lr_case("lung by ph.ecog", Surv(time, event) ~ ph.ecog, lungE, "time", "event", "ph.ecog"),
  lr_case("ovarian by rx", Surv(futime, fustat) ~ rx, ovarian, "futime", "fustat", "rx"),
  lr_case("veteran by celltype", Surv(time, status) ~ celltype, vet, "time", "status", "celltype"),
  lr_case("veteran by trt strata celltype", Surv(time, status) ~ trt + strata(celltype), vet,
          "time", "status", "trt", "celltype"),
  lr_case("lung by sex strata ph.ecog", Surv(time, event) ~ sex + strata(ph.ecog), lungE,
          "time", "event", "sex", "ph.ecog")
)

# ---- Cox ------------------------------------------------------------------------------
cox_case <- function(name, formula, data, ties, timevar, eventvar, covs, stratavar = "") {
  f <- coxph(formula, data = data, ties = ties)
  s <- summary(f)
  cf <- s$coefficients; ci <- s$conf.int
  list(name = name, time = timevar, event = eventvar, covariates = arr(covs), ties = ties, strata = stratavar,
       n = f$n, events = f$nevent, iterations = f$iter,
       coef = arr(cf[, "coef"]), se = arr(cf[, "se(coef)"]), hazardRatio = arr(cf[, "exp(coef)"]),
       lower = arr(ci[, "lower .95"]), upper = arr(ci[, "upper .95"]), z = arr(cf[, "z"]),
       pValue = arr(cf[, "Pr(>|z|)"]),
       logLikelihoodNull = f$loglik[1], logLikelihood = f$loglik[2],
       likelihoodRatio = list(statistic = unname(s$logtest["test"]), degreesOfFreedom = unname(s$logtest["df"]),
                              pValue = unname(s$logtest["pvalue"])),
       # summary()$waldtest rounds the statistic; fit$wald.test is the full-precision value
       wald = list(statistic = unname(f$wald.test), degreesOfFreedom = length(coef(f)),
                   pValue = pchisq(unname(f$wald.test), length(coef(f)), lower.tail = FALSE)),
       score = list(statistic = unname(s$sctest["test"]), degreesOfFreedom = unname(s$sctest["df"]),
                    pValue = unname(s$sctest["pvalue"])))
}
vcovs <- c("trt", "karno", "diagtime", "age", "prior")
cox <- list(
  cox_case("lung age+sex+ph.ecog efron", Surv(time, event) ~ age + sex + ph.ecog, lungE, "efron",
           "time", "event", c("age", "sex", "ph.ecog")),
  cox_case("lung age+sex+ph.ecog breslow", Surv(time, event) ~ age + sex + ph.ecog, lungE, "breslow",
           "time", "event", c("age", "sex", "ph.ecog")),
  cox_case("lung sex efron", Surv(time, event) ~ sex, lungE, "efron", "time", "event", c("sex")),
  cox_case("veteran 5 covariates efron", Surv(time, status) ~ trt + karno + diagtime + age + prior, vet,
           "efron", "time", "status", vcovs),
  cox_case("veteran 5 covariates breslow", Surv(time, status) ~ trt + karno + diagtime + age + prior, vet,
           "breslow", "time", "status", vcovs),
  cox_case("veteran strata celltype efron", Surv(time, status) ~ trt + karno + age + strata(celltype), vet,
           "efron", "time", "status", c("trt", "karno", "age"), "celltype"),
  cox_case("veteran strata celltype breslow", Surv(time, status) ~ trt + karno + age + strata(celltype), vet,
           "breslow", "time", "status", c("trt", "karno", "age"), "celltype"),
  cox_case("ovarian age+ecog.ps efron", Surv(futime, fustat) ~ age + ecog.ps, ovarian, "efron",
           "futime", "fustat", c("age", "ecog.ps")),
  cox_case("lung wt.loss+ph.karno strata sex breslow", Surv(time, event) ~ wt.loss + ph.karno + strata(sex),
           lungE, "breslow", "time", "event", c("wt.loss", "ph.karno"), "sex")
)

# ---- Clopper–Pearson ------------------------------------------------------------------
cp <- function(x, n, level) {
  b <- binom.test(x, n, conf.level = level)
  list(successes = x, total = n, level = level, estimate = unname(b$estimate),
       lower = b$conf.int[1], upper = b$conf.int[2])
}
binom <- list(cp(7, 20, 0.95), cp(0, 10, 0.95), cp(10, 10, 0.95), cp(33, 97, 0.90), cp(1, 1, 0.95),
              cp(1, 1000, 0.95), cp(512, 1000, 0.99), cp(3, 4, 0.8))

# ---- Aalen–Johansen cumulative incidence (mgus2: 1 = progression, 2 = death) ----------
cf <- survfit(Surv(etime, factor(cause)) ~ 1, data = mg)
ev <- rowSums(cf$n.event) > 0
cif <- list(time = arr(cf$time[ev]), atRisk = arr(cf$n.risk[ev, 1]),
            eventFree = arr(cf$pstate[ev, 1]),
            incidence1 = arr(cf$pstate[ev, 2]), incidence2 = arr(cf$pstate[ev, 3]),
            stdErr1 = arr(cf$std.err[ev, 2]), stdErr2 = arr(cf$std.err[ev, 3]),
            lower1 = arr(cf$lower[ev, 2]), upper1 = arr(cf$upper[ev, 2]),
            lower2 = arr(cf$lower[ev, 3]), upper2 = arr(cf$upper[ev, 3]))

# ---- distributions --------------------------------------------------------------------
chisq_pts <- list()
for (df in c(1, 2, 3, 5, 10, 37)) for (x in c(0.001, 0.5, 1, 3.84, 10, 50, 200)) {
  chisq_pts[[length(chisq_pts) + 1]] <- list(x = x, df = df, upper = pchisq(x, df, lower.tail = FALSE),
                                             lowerTail = pchisq(x, df))
}
norm_pts <- lapply(c(-38, -10, -5, -1.96, -1, 0, 0.3, 1.644853626951, 3, 8.5),
                   function(x) list(x = x, cdf = pnorm(x), upper = pnorm(x, lower.tail = FALSE)))
qnorm_pts <- lapply(c(1e-300, 1e-20, 1e-5, 0.005, 0.025, 0.05, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999999),
                    # p as text: Foundation's JSON number parsing on Linux may be off by an ulp, which
                    # moves an extreme quantile by ~1e-11; Double(String) is correctly rounded.
                    function(p) list(p = sprintf("%.17g", p), quantile = qnorm(p)))
qbeta_pts <- lapply(list(c(0.025, 7, 14), c(0.975, 8, 13), c(0.5, 0.5, 0.5), c(0.001, 200, 3), c(0.9, 2, 50)),
                    function(v) list(p = v[1], a = v[2], b = v[3], quantile = qbeta(v[1], v[2], v[3]),
                                     cdfAtQuantile = v[1]))

write_json(list(
  rVersion = R.version.string, survivalVersion = as.character(packageVersion("survival")),
  km = km, landmarks = landmarks, rmst = rmst, followUp = followup,
  ovarianFollowUp = ovfollow,
  ovarianRmst = list(horizon = 1000, estimate = unname(ovrm["rmean"]), standardError = unname(ovrm["se(rmean)"])),
  smallCurves = smallcases, logrank = logrank, cox = cox, binom = binom, cif = cif,
  chiSquare = chisq_pts, normal = norm_pts, normalQuantile = qnorm_pts, betaQuantile = qbeta_pts
), "expected.json")
cat("fixtures written\n")

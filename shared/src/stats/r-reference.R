#!/usr/bin/env Rscript
# Regenerates r-reference.json, the R reference values read by r-reference.test.ts (the tests never run R).
# Usage, from the repository root:  Rscript shared/src/stats/r-reference.R && npx prettier --write shared/src/stats/r-reference.json
# Base R only (package stats). Every value in the JSON carries the R code that produced it; doubles are
# written with 17 significant digits so they parse back to the same binary64 value.

out_path <- file.path("shared", "src", "stats", "r-reference.json")

# ---- tiny JSON writer (no jsonlite needed) --------------------------------------------------------------
jstr <- function(s) {
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  s <- gsub("\n", "\\n", s, fixed = TRUE)
  paste0("\"", s, "\"")
}
jnum <- function(v) ifelse(is.nan(v), "\"NaN\"", ifelse(is.infinite(v), ifelse(v > 0, "\"Infinity\"", "\"-Infinity\""),
                                                         sprintf("%.17g", v)))
jarr <- function(v) paste0("[", paste(jnum(v), collapse = ", "), "]")
jobj <- function(...) {
  fields <- list(...)
  paste0("{", paste(paste0(jstr(names(fields)), ": ", unlist(fields)), collapse = ", "), "}")
}

# ---- Kayenta's statistic: R's wilcox.test `wdiff` with the continuity correction always on (spec §6) ----
# wdiff_corrected and kayenta_estimate, shared with the judge's R reference (shared/src/judge/testdata/r-judge.R)
source(file.path("shared", "src", "stats", "kayenta-wdiff.R"))
wdiff_src <- paste(deparse(wdiff_corrected), collapse = "\n")
estimate_src <- paste(deparse(kayenta_estimate), collapse = "\n")

# ---- data sets ------------------------------------------------------------------------------------------
set.seed(20261127)
datasets <- list(
  list(name = "small", code = "experiment <- c(12.1, 15.3, 11.8, 14.2, 13.9); control <- c(10.2, 11.1, 9.8, 10.9, 12.0, 10.5)"),
  list(name = "ties (rounded integers)", code = "experiment <- round(rnorm(40, 5, 2)); control <- round(rnorm(35, 4, 2))"),
  list(name = "half-integer heavy ties", code = "experiment <- round(2 * rnorm(90, 2, 1)) / 2; control <- round(2 * rnorm(90, 2.3, 1)) / 2"),
  list(name = "large", code = "experiment <- rnorm(600, 101, 10); control <- rnorm(500, 100, 10)"),
  list(name = "negative", code = "experiment <- -rexp(50, 1 / 3); control <- -rexp(60, 1 / 2) - 0.5"),
  list(name = "different sizes", code = "experiment <- rlnorm(7, 2, 0.5); control <- rlnorm(120, 1.8, 0.5)"),
  list(name = "counts (Poisson, overlapping)", code = "experiment <- rpois(30, 3); control <- rpois(30, 3)"),
  list(name = "tiny scale (error rates)", code = "experiment <- rbeta(100, 2, 2000); control <- rbeta(100, 2, 2100)"),
  list(name = "large scale", code = "experiment <- rnorm(80, 5e6, 2e5); control <- rnorm(70, 5.1e6, 2e5)")
)

probs <- c(0.01, 0.05, 0.25, 0.5, 0.75, 0.9, 0.99, 1)
entries <- character(0)
for (ds in datasets) {
  eval(parse(text = ds$code))
  # `+ 0` turns R's -0 (from round() of small negatives) into +0: R ranks -0 and +0 as ties, Kayenta (Java's
  # Double.compare) does not, and the comparison should not hinge on that.
  experiment <- as.double(experiment) + 0
  control <- as.double(control) + 0
  intervals <- character(0)
  for (cl in c(0.98, 0.95)) {
    call <- sprintf("wilcox.test(x = experiment, y = control, conf.int = TRUE, conf.level = %s, exact = FALSE, correct = TRUE)", cl)
    w <- eval(parse(text = call))
    alpha <- 1 - cl
    intervals <- c(intervals, jobj(confLevel = jnum(cl), call = jstr(call), confInt = jarr(as.double(w$conf.int)),
                                   rEstimate = jnum(unname(w$estimate)),
                                   zqCode = jstr("c(qnorm(alpha / 2, lower.tail = FALSE), qnorm(alpha / 2)) with alpha <- 1 - conf.level"),
                                   zq = jarr(c(qnorm(alpha / 2, lower.tail = FALSE), qnorm(alpha / 2)))))
  }
  m <- length(experiment)
  n <- length(control)
  entries <- c(entries, jobj(
    name = jstr(ds$name),
    dataCode = jstr(paste0("set.seed(20261127) then the data sets in order: ", ds$code)),
    experiment = jarr(experiment),
    control = jarr(control),
    intervals = paste0("[", paste(intervals, collapse = ", "), "]"),
    kayentaEstimate = jobj(code = jstr("kayenta_estimate(experiment, control)"), value = jnum(kayenta_estimate(experiment, control))),
    wdiffAtZero = jobj(code = jstr("wdiff_corrected(0, 0, experiment, control)"), value = jnum(wdiff_corrected(0, 0, experiment, control))),
    quantiles = jobj(code = jstr(sprintf("quantile(v, probs = c(%s), type = 7, names = FALSE)", paste(probs, collapse = ", "))),
                     probs = jarr(probs),
                     experiment = jarr(quantile(experiment, probs, type = 7, names = FALSE)),
                     control = jarr(quantile(control, probs, type = 7, names = FALSE))),
    mean = jobj(code = jstr("mean(v)"), experiment = jnum(mean(experiment)), control = jnum(mean(control))),
    sd = jobj(code = jstr("sd(v)"), experiment = jnum(sd(experiment)), control = jnum(sd(control))),
    cles = jobj(code = jstr("unname(wilcox.test(experiment, control, exact = FALSE)$statistic) / (length(experiment) * length(control))"),
                value = jnum(unname(wilcox.test(experiment, control, exact = FALSE)$statistic) / (m * n))),
    ranks = jobj(code = jstr("rank(c(experiment, control), ties.method = \"average\")"),
                 value = jarr(rank(c(experiment, control), ties.method = "average")))
  ))
}

qp <- c(1e-300, 1e-20, 1e-10, 1e-4, 0.001, 0.01, (1 - 0.98) / 2, 0.025, (1 - 0.95) / 2, 0.05, 0.075, 0.1, 0.3, 0.5,
        0.7, 0.9, 0.925, 0.975, 0.99, 0.999999, 1 - 1e-12)
qnorm_entry <- jobj(code = jstr("qnorm(p)"), p = jarr(qp), value = jarr(qnorm(qp)))

# uniroot (R_zeroin2, the same Brent/zeroin iteration) on functions whose arithmetic is identical in JavaScript
uniroot_cases <- list(
  list(name = "cubic", fn = "function(x) x^3 - 2 * x - 5", lower = 2, upper = 3, tol = 1e-4, maxiter = 1000),
  list(name = "square", fn = "function(x) x^2 - 2", lower = 0, upper = 2, tol = 1e-4, maxiter = 1000),
  list(name = "step", fn = "function(x) if (x < 0.3) 1 else -1", lower = 0, upper = 1, tol = 1e-4, maxiter = 1000),
  list(name = "staircase", fn = "function(x) 3 - floor(x)", lower = 0.5, upper = 7.7, tol = 1e-4, maxiter = 1000),
  list(name = "linear wide", fn = "function(x) x - 1/3", lower = -1000, upper = 1000, tol = 1e-4, maxiter = 1000),
  list(name = "cubic, 3 iterations", fn = "function(x) x^3 - 2 * x - 5", lower = 2, upper = 3, tol = 1e-12, maxiter = 3)
)
uniroot_entries <- character(0)
for (u in uniroot_cases) {
  f <- eval(parse(text = u$fn))
  call <- sprintf("uniroot(%s, c(%s, %s), tol = %s, maxiter = %s)$root", u$fn, u$lower, u$upper, u$tol, u$maxiter)
  r <- suppressWarnings(uniroot(f, c(u$lower, u$upper), tol = u$tol, maxiter = u$maxiter))
  uniroot_entries <- c(uniroot_entries, jobj(name = jstr(u$name), call = jstr(call), lower = jnum(u$lower),
                                             upper = jnum(u$upper), tol = jnum(u$tol), maxiter = jnum(u$maxiter),
                                             root = jnum(r$root), iter = jnum(r$iter)))
}

json <- paste0(
  "{\n",
  "  \"generatedBy\": ", jstr("Rscript shared/src/stats/r-reference.R"), ",\n",
  "  \"rVersion\": ", jstr(R.version.string), ",\n",
  "  \"helpers\": ", jobj(wdiff_corrected = jstr(wdiff_src), kayenta_estimate = jstr(estimate_src)), ",\n",
  "  \"qnorm\": ", qnorm_entry, ",\n",
  "  \"uniroot\": [\n    ", paste(uniroot_entries, collapse = ",\n    "), "\n  ],\n",
  "  \"datasets\": [\n    ", paste(entries, collapse = ",\n    "), "\n  ]\n}\n")
writeLines(json, out_path, sep = "")
cat("wrote", out_path, "\n")

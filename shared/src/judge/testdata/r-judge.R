#!/usr/bin/env Rscript
# An independent re-implementation of Kayenta's NetflixACAJudge-v1.0 in base R, written from
# docs/kayenta-judge-spec.md (§3–§9) with R's own statistics: quantile(type = 7), mean, sd,
# wilcox.test(conf.int = TRUE, conf.level = 0.98, exact = FALSE, correct = TRUE) for the interval and uniroot on the
# continuity-corrected statistic for Kayenta's estimate (spec §14). Both-constant series use Canary Judge's
# deterministic rule (shared/KAYENTA-DIFFERENCES.md). Run through r-judge.mjs, which writes the input file and
# collects the output into r-judge-reference.json; the tests never run R.
args <- commandArgs(trailingOnly = TRUE)
source(args[1]) # defines `requests`

jstr <- function(s) paste0("\"", gsub("\"", "\\\"", s, fixed = TRUE), "\"")
jnum <- function(v) ifelse(is.na(v) & !is.nan(v), "null", ifelse(is.nan(v), "\"NaN\"", sprintf("%.17g", v)))
jarr <- function(v) paste0("[", paste(v, collapse = ","), "]")
jobj <- function(fields) paste0("{", paste(paste0(jstr(names(fields)), ":", unlist(fields)), collapse = ","), "}")

# wdiff_corrected and kayenta_estimate, shared with the statistics' R reference (shared/src/stats/r-reference.R)
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)))
source(file.path(script_dir, "..", "..", "stats", "kayenta-wdiff.R"))

transform <- function(v, m) {
  v <- v + 0
  if (m$nanStrategy == "replace") v[is.nan(v)] <- 0 else v <- v[!is.nan(v)]
  if (m$outlierStrategy == "remove" && length(v) > 0) {
    q <- quantile(v, c(0.01, 0.25, 0.75, 0.99), type = 7, names = FALSE)
    iqr <- q[3] - q[2]
    lo <- min(q[1], q[2] - m$outlierFactor * iqr)
    hi <- max(q[4], q[3] + m$outlierFactor * iqr)
    v <- v[!(v > hi | v < lo)]
  }
  v
}

stats <- function(v) {
  if (length(v) == 0) return(c(count = 0, mean = 0, min = 0, max = 0, std = 0))
  c(count = length(v), mean = mean(v), min = min(v), max = max(v), std = if (length(v) > 1) sd(v) else 0)
}

decide <- function(m, ci_lower, ci_upper, estimate, ratio, effect) {
  b <- 0.25 * abs(estimate)
  up <- ci_lower > b
  down <- ci_upper < -b
  skip <- is.nan(effect)
  label <- "Pass"
  critical <- FALSE
  if (m$direction %in% c("increase", "either") && up && (skip || effect >= m$allowedIncrease)) {
    label <- "High"
    critical <- m$critical && (skip || effect >= m$criticalIncrease)
  } else if (m$direction %in% c("decrease", "either") && down && (skip || effect <= m$allowedDecrease)) {
    label <- "Low"
    critical <- m$critical && (skip || effect <= m$criticalDecrease)
  }
  list(label = label, critical = critical, ratio = ratio, ciLower = ci_lower, ciUpper = ci_upper, estimate = estimate)
}

mean_ratio <- function(y, x) {
  if (mean(y) == 0 || mean(x) == 0) NaN else mean(x) / mean(y)
}
cles <- function(y, x) unname(wilcox.test(x, y, exact = FALSE)$statistic) / (length(x) * length(y))

classify <- function(m, y, x) {
  none <- list(ciLower = NA, ciUpper = NA, estimate = NA)
  if (length(x) == 0 || length(y) == 0) {
    if (m$nanStrategy == "replace") return(c(list(label = "Pass", critical = FALSE, ratio = 1), none))
    if (m$mustHaveData && !m$critical) return(c(list(label = "NodataFailMetric", critical = FALSE, ratio = 1), none))
    return(c(list(label = "Nodata", critical = m$critical, ratio = 1), none))
  }
  if (length(x) == length(y) && all(sort(x) == sort(y))) return(c(list(label = "Pass", critical = FALSE, ratio = 1), none))
  if (length(unique(c(x, y))) == 1) return(c(list(label = "Pass", critical = FALSE, ratio = 1), none))
  ratio <- mean_ratio(y, x)
  effect <- if (m$measure == "cles") cles(y, x) else ratio
  if (length(x) + length(y) > 2 && length(unique(x)) == 1 && length(unique(y)) == 1) {
    gap <- x[1] - y[1]
    return(decide(m, gap, gap, gap, ratio, effect))
  }
  w <- tryCatch(wilcox.test(x, y, conf.int = TRUE, conf.level = 0.98, exact = FALSE, correct = TRUE),
                error = function(e) NULL)
  if (is.null(w)) return(c(list(label = "Error", critical = FALSE, ratio = NA), none))
  decide(m, w$conf.int[1], w$conf.int[2], kayenta_estimate(x, y), ratio, effect)
}

judge_request <- function(r) {
  results <- list()
  for (m in r$metrics) {
    y <- transform(m$control, m)
    x <- transform(m$experiment, m)
    c <- classify(m, y, x)
    results[[length(results) + 1]] <- list(m = m, c = c, ys = stats(y), xs = stats(x))
  }
  scored <- Filter(function(e) !e$m$muted, results)
  groups <- unique(unlist(lapply(scored, function(e) e$m$groups)))
  gs <- list()
  for (g in groups) {
    labels <- unlist(lapply(Filter(function(e) g %in% e$m$groups, scored), function(e) e$c$label))
    total <- sum(labels %in% c("Pass", "High", "Low", "NodataFailMetric"))
    gs[[g]] <- if (total == 0) NA else sum(labels == "Pass") / total * 100
  }
  crit <- Filter(function(e) e$c$critical && e$c$label != "Pass", scored)
  nodata <- sum(unlist(lapply(scored, function(e) e$c$label == "Nodata")))
  if (length(crit) > 0) {
    summary <- 0
  } else if (length(scored) > 0 && nodata / length(scored) * 100 >= 50) {
    summary <- 0
  } else {
    w <- r$weights
    unweighted <- setdiff(groups, names(w))
    shared <- if (length(unweighted) > 0) (100 - sum(unlist(w))) / length(unweighted) else 0
    summary <- 0
    for (g in groups) {
      weight <- if (g %in% names(w)) w[[g]] else shared
      summary <- summary + (if (is.na(gs[[g]])) 100 else gs[[g]]) * weight / 100
    }
  }
  label <- if (summary >= r$pass) "Pass" else if (summary >= r$marginal) "Marginal" else "Fail"
  metric_json <- sapply(results, function(e) jobj(list(
    name = jstr(e$m$name), classification = jstr(e$c$label), critical = tolower(as.character(e$c$critical)),
    ratio = jnum(e$c$ratio), ciLower = jnum(e$c$ciLower), ciUpper = jnum(e$c$ciUpper), estimate = jnum(e$c$estimate),
    control = jarr(jnum(e$ys)), experiment = jarr(jnum(e$xs)))))
  group_json <- if (length(groups) == 0) "{}" else jobj(lapply(gs, function(s) jnum(if (is.na(s)) NaN else s)))
  jobj(list(name = jstr(r$name), metrics = jarr(metric_json), groupScores = group_json,
            unroundedScore = jnum(summary), classification = jstr(label)))
}

cat(paste0("{\"rVersion\":", jstr(R.version.string), ",\"requests\":",
           jarr(sapply(requests, judge_request)), "}\n"))

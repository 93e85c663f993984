# Kayenta's Mann-Whitney statistic and point estimate in base R, shared by the two R reference generators
# (shared/src/stats/r-reference.R and shared/src/judge/testdata/r-judge.R, which `source()` this file).
#
# wdiff_corrected: R's wilcox.test `wdiff` with the continuity correction always on (docs/kayenta-judge-spec.md §6),
# as spinnaker/kayenta's MannWhitney.wilcoxonDiff computes it.
# kayenta_estimate: uniroot of that statistic at zq = 0 over [min(x) − max(y), max(x) − min(y)], tol 1e-4 (spec §14).
wdiff_corrected <- function(d, zq, x, y) {
  dr <- rank(c(x - d, y))
  nties <- table(dr)
  nx <- length(x)
  ny <- length(y)
  dz <- sum(dr[seq_along(x)]) - nx * (nx + 1) / 2 - nx * ny / 2
  sigma <- sqrt((nx * ny / 12) * ((nx + ny + 1) - sum(nties^3 - nties) / ((nx + ny) * (nx + ny - 1))))
  (dz - sign(dz) * 0.5) / sigma - zq
}
kayenta_estimate <- function(x, y) {
  uniroot(function(d) wdiff_corrected(d, 0, x, y), c(min(x) - max(y), max(x) - min(y)), tol = 1e-4)$root
}

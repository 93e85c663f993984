/**
 * Exact comparison of two Poisson event rates (canary vs baseline), as R's `poisson.test(c(x1, x2), c(t1, t2))`:
 * conditional on the total `n = x1 + x2`, the canary count is Binomial(n, p) with `p = r·t1 / (r·t1 + t2)` for the
 * rate ratio `r`, so the test of `r = 1` is `binom.test(x1, n, t1 / (t1 + t2))` and the Clopper-Pearson interval of
 * `p` maps to an interval of the rate ratio through `r = p / (1 − p) · t2 / t1`.
 *
 * Numerics: the regularized incomplete beta function by its continued fraction (modified Lentz), log-gamma by a
 * Lanczos approximation, the beta quantile by bisection (≥ 200 halvings, so full double precision for quantiles above
 * 1e-30); binomial probabilities from the incomplete beta. Relative error well below 1e-9 against R (see
 * `poisson-rate.test.ts`, whose reference values come from R with the call written beside each).
 *
 * References: R `stats::poisson.test`, `stats::binom.test` (two-sided p-value: the sum of the probabilities of all
 * outcomes no more likely than the observed one, with relative tolerance 1 + 1e-7); Clopper & Pearson (1934)
 * Biometrika 26(4); Press et al., "Numerical Recipes", §6.1 (Lanczos log-gamma) and §6.4 (incomplete beta by
 * continued fraction) — the method, not their code.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function for x > 0 (Lanczos approximation, g = 7, n = 9; relative error ~1e-15).
 *
 * @param x argument, > 0
 * @returns ln Γ(x)
 * @example logGamma(5) // ≈ ln 24 = 3.1780538303479458
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let k = 1; k < LANCZOS.length; k++) sum += LANCZOS[k]! / (z + k);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta (modified Lentz), valid for x < (a + 1)/(a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) = P(Beta(a, b) ≤ x).
 *
 * @param x point in [0, 1]
 * @param a first shape, > 0
 * @param b second shape, > 0
 * @returns the probability, in [0, 1]
 * @example regularizedBeta(0.5, 2, 2) // 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * Quantile of the Beta(a, b) distribution (R `qbeta(q, a, b)`), by bisection on the regularized incomplete beta.
 *
 * @param q probability in [0, 1]
 * @param a first shape, > 0
 * @param b second shape, > 0
 * @returns x with I_x(a, b) = q
 * @example betaQuantile(0.01, 4, 1) // 0.01^(1/4) ≈ 0.31622776601683794
 */
export function betaQuantile(q: number, a: number, b: number): number {
  if (q <= 0) return 0;
  if (q >= 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 1100; k++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (regularizedBeta(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(X ≤ k) for X ~ Binomial(n, p) (R `pbinom(k, n, p)`). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularizedBeta(1 - p, n - k, k + 1);
}

/** P(X > k) for X ~ Binomial(n, p) (R `pbinom(k, n, p, lower.tail = FALSE)`), without cancellation. */
export function binomialUpper(k: number, n: number, p: number): number {
  if (k < 0) return 1;
  if (k >= n) return 0;
  return regularizedBeta(p, k + 1, n - k);
}

/** P(X = k) for X ~ Binomial(n, p) (R `dbinom(k, n, p)`), from log-gammas. */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const logC = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/**
 * Two-sided exact binomial p-value as R's `binom.test(x, n, p)$p.value`: the total probability of the outcomes whose
 * probability is at most the observed one's (times 1 + 1e-7). The outcomes on the far side of the mean are counted
 * by binary search (the probabilities fall monotonically away from the mode), so the cost does not grow with `n`.
 *
 * @param x successes, integer in [0, n]
 * @param n trials, integer ≥ 0
 * @param p success probability under the null hypothesis, in (0, 1)
 * @returns the p-value, in [0, 1]
 * @example binomialTwoSidedP(4, 4, 0.5) // 0.125
 */
export function binomialTwoSidedP(x: number, n: number, p: number): number {
  if (n === 0) return 1;
  const m = n * p;
  if (x === m) return 1;
  const d = binomialPmf(x, n, p) * (1 + 1e-7);
  if (x < m) {
    // y = #{i in [ceil(m), n] : pmf(i) ≤ d}; pmf decreases on that range, so those i form a tail [n − y + 1, n].
    let lo = Math.ceil(m);
    let hi = n + 1; // first i in [ceil(m), n] with pmf(i) ≤ d (n + 1 if none)
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialPmf(mid, n, p) <= d) hi = mid;
      else lo = mid + 1;
    }
    const y = n + 1 - lo;
    return Math.min(1, binomialCdf(x, n, p) + binomialUpper(n - y, n, p));
  }
  // y = #{i in [0, floor(m)] : pmf(i) ≤ d}; pmf increases on that range, so those i form a head [0, y − 1].
  let lo = 0;
  let hi = Math.floor(m) + 1; // first i with pmf(i) > d
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialPmf(mid, n, p) <= d) lo = mid + 1;
    else hi = mid;
  }
  const y = lo;
  return Math.min(1, binomialCdf(y - 1, n, p) + binomialUpper(x - 1, n, p));
}

/** Result of {@link poissonRateTest}. */
export interface PoissonRateResult {
  /** Canary events `x1` and exposure `t1`; baseline events `x2` and exposure `t2`. */
  readonly x1: number;
  readonly t1: number;
  readonly x2: number;
  readonly t2: number;
  /** Rate ratio estimate `(x1/t1)/(x2/t2)`; Infinity when `x2 = 0 < x1`, NaN when both are 0. */
  readonly rateRatio: number;
  /** One-sided lower confidence bound of the rate ratio at `confLevel` (0 when `x1 = 0`). */
  readonly ciLower: number;
  /** One-sided upper confidence bound of the rate ratio at `confLevel` (Infinity when `x2 = 0`). */
  readonly ciUpper: number;
  /** Two-sided exact p-value of `rate ratio = 1` (R `poisson.test(...)$p.value`). */
  readonly pValue: number;
}

/**
 * Exact conditional test of two Poisson rates and one-sided Clopper-Pearson bounds on the rate ratio (module doc).
 * `ciLower` is R's `poisson.test(c(x1, x2), c(t1, t2), alternative = "greater", conf.level)$conf.int[1]`,
 * `ciUpper` is `…alternative = "less"…$conf.int[2]`; together they form the equal-tailed two-sided interval at
 * level `2·confLevel − 1`.
 *
 * @param x1 canary events, integer ≥ 0
 * @param t1 canary exposure (e.g. number of intervals), > 0
 * @param x2 baseline events, integer ≥ 0
 * @param t2 baseline exposure, > 0
 * @param confLevel one-sided confidence level in (0, 1)
 * @returns the estimate, bounds and p-value
 * @throws {RangeError} for a negative or fractional count, a non-positive exposure or a level outside (0, 1)
 * @example poissonRateTest(4, 6, 0, 6, 0.9).ciLower // ≈ 1.285 (> 1: the canary's rate is higher)
 */
export function poissonRateTest(x1: number, t1: number, x2: number, t2: number, confLevel: number): PoissonRateResult {
  for (const [v, name] of [
    [x1, 'x1'],
    [x2, 'x2'],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`poissonRateTest: ${name} must be a count, got ${v}`);
  }
  if (!(t1 > 0 && t2 > 0 && Number.isFinite(t1) && Number.isFinite(t2))) {
    throw new RangeError(`poissonRateTest: exposures must be positive, got ${t1} and ${t2}`);
  }
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`poissonRateTest: confLevel must be in (0, 1), got ${confLevel}`);
  }
  const n = x1 + x2;
  const scale = t2 / t1;
  const alpha = 1 - confLevel;
  const pLower = x1 === 0 ? 0 : betaQuantile(alpha, x1, n - x1 + 1);
  const pUpper = x2 === 0 ? 1 : betaQuantile(1 - alpha, x1 + 1, n - x1);
  return {
    x1,
    t1,
    x2,
    t2,
    rateRatio: x1 / t1 / (x2 / t2),
    ciLower: (pLower / (1 - pLower)) * scale,
    ciUpper: pUpper === 1 ? Infinity : (pUpper / (1 - pUpper)) * scale,
    pValue: binomialTwoSidedP(x1, n, t1 / (t1 + t2)),
  };
}

/**
 * Brent's root finder in the netlib `zeroin` form used by R's `uniroot` (`R_zeroin2`) and ported by Kayenta
 * (`KayentaBrentSolver`), reproduced step by step (`design/kayenta-judge.md` §6) so that intervals and estimates match
 * bit for bit.
 */

/** Machine epsilon used by zeroin's actual tolerance `2·EPS·|b| + tol/2` (2^−52). */
const EPS = 2.220446049250313e-16;

/**
 * True when `v` is within one ulp of zero (commons-math `Precision.equals(v, 0.0, 1)`): ±0 or ±`Number.MIN_VALUE`.
 */
function isZeroWithinOneUlp(v: number): boolean {
  return Math.abs(v) <= Number.MIN_VALUE;
}

/**
 * Finds a root of `f` in `[ax, bx]` given the function values at the ends, with Brent's method exactly as netlib
 * `zeroin` / R `R_zeroin2`: an absolute tolerance `tol` (not relative to the scale of `x`), secant or inverse
 * quadratic interpolation when it stays inside the bracket, bisection otherwise, steps never shorter than the
 * actual tolerance. Endpoint checks: if `fa` is zero (within one ulp, as Kayenta compares) `ax` is returned, then
 * likewise `fb`/`bx`. There is no sign check: without a bracket the iteration still runs and returns its last point.
 * After `maxIter` iterations without convergence the current best point is returned silently.
 *
 * Reference: Brent (1973) "Algorithms for Minimization without Derivatives" ch. 4; netlib `zeroin.c`; R
 * `src/library/stats/src/zeroin.c` (`R_zeroin2`, what `uniroot(tol = 1e-4)` calls); Kayenta
 * `spinnaker/kayenta:kayenta-mannwhitney/src/main/java/com/netflix/kayenta/mannwhitney/BrentSolver.java`.
 *
 * @param f the function (called once per iteration)
 * @param ax left end of the search interval
 * @param bx right end of the search interval
 * @param fa `f(ax)`
 * @param fb `f(bx)`
 * @param tol absolute tolerance on `x` (default 1e-4, Kayenta's and `uniroot`'s)
 * @param maxIter maximum number of iterations (default 1001, i.e. Kayenta's `1000 + 1`)
 * @returns the approximate root, in the unit of `x`
 * @example zeroin((x) => x * x - 2, 0, 2, -2, 2) // ≈ 1.41421 (within 1e-4)
 */
export function zeroin(
  f: (x: number) => number,
  ax: number,
  bx: number,
  fa: number,
  fb: number,
  tol = 1e-4,
  maxIter = 1001,
): number {
  let a = ax;
  let b = bx;
  let c = a;
  let fc = fa;
  if (isZeroWithinOneUlp(fa)) return a;
  if (isZeroWithinOneUlp(fb)) return b;

  for (let iter = 0; iter < maxIter; iter++) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      // Make b the best approximation so far.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * EPS * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;

    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        // Only two distinct points: secant step.
        const t1 = fb / fa;
        p = cb * t1;
        q = 1.0 - t1;
      } else {
        // Inverse quadratic interpolation.
        q = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
        q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }

    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}

/**
 * zeroin against R's uniroot (same netlib/R_zeroin2 iteration) on functions whose arithmetic is the same in R and
 * JavaScript (values in r-reference.json, produced by r-reference.R), plus the endpoint and iteration-limit rules.
 */
import { describe, expect, it } from 'vitest';
import reference from './r-reference.json';
import { zeroin } from './zeroin';

/** The JavaScript twins of the R functions in r-reference.R, by case name. */
const FUNCTIONS: Record<string, (x: number) => number> = {
  cubic: (x) => x * x * x - 2 * x - 5,
  square: (x) => x * x - 2,
  step: (x) => (x < 0.3 ? 1 : -1),
  staircase: (x) => 3 - Math.floor(x),
  'linear wide': (x) => x - 1 / 3,
  'cubic, 3 iterations': (x) => x * x * x - 2 * x - 5,
};

interface UnirootCase {
  name: string;
  call: string;
  lower: number;
  upper: number;
  tol: number;
  maxiter: number;
  root: number;
}

describe('zeroin equals R uniroot bit for bit', () => {
  const cases = reference.uniroot as UnirootCase[];
  it('has a JavaScript twin for every R case', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  for (const c of cases) {
    it(`${c.name}: ${c.call}`, () => {
      const f = FUNCTIONS[c.name]!;
      // uniroot(maxiter = m) runs the loop m + 1 times (R_zeroin2: maxit = *Maxit + 1).
      expect(zeroin(f, c.lower, c.upper, f(c.lower), f(c.upper), c.tol, c.maxiter + 1)).toBe(c.root);
    });
  }
});

describe('zeroin rules', () => {
  it('uses tol = 1e-4 by default (root within 1e-4 of √2)', () => {
    const f = (x: number): number => x * x - 2;
    expect(Math.abs(zeroin(f, 0, 2, -2, 2) - Math.SQRT2)).toBeLessThan(1e-4);
  });

  it('returns ax when fa is zero, or within one ulp of zero, without calling f', () => {
    const never = (): number => {
      throw new Error('f must not be called');
    };
    expect(zeroin(never, 1, 2, 0, 5)).toBe(1);
    expect(zeroin(never, 1, 2, -0, 5)).toBe(1);
    expect(zeroin(never, 1, 2, Number.MIN_VALUE, 5)).toBe(1);
    expect(zeroin(never, 1, 2, -Number.MIN_VALUE, 5)).toBe(1);
    expect(zeroin(never, 1, 2, 5, Number.MIN_VALUE)).toBe(2);
  });

  it('treats two ulps as non-zero at the ends', () => {
    let calls = 0;
    const f = (x: number): number => {
      calls++;
      return 1 - x;
    };
    zeroin(f, 0, 2, 2 * Number.MIN_VALUE, -1);
    expect(calls).toBeGreaterThan(0);
  });

  it('does not check for a sign change: same-sign ends still iterate and return a point', () => {
    const r = zeroin((x) => x * x + 1, -1, 3, 2, 10);
    expect(Number.isFinite(r)).toBe(true);
  });

  it('stops after maxIter iterations and returns the current point silently', () => {
    let calls = 0;
    const f = (x: number): number => {
      calls++;
      return x * x * x - 2 * x - 5;
    };
    zeroin(f, 2, 3, f(2), f(3), 1e-300, 7);
    expect(calls).toBe(2 + 7);
  });
});

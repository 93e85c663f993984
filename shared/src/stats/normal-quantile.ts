/**
 * Quantile function of the standard normal distribution, Φ⁻¹, with Wichura's algorithm AS 241 (PPND16), the
 * algorithm of R's `qnorm` (bit-identical to R 4.2's for the central and tail ranges). Kayenta's own z value comes
 * from commons-math instead and can differ by an ulp: see `kayentaNormalQuantile` in `erf-inv.ts`.
 */

// Coefficients of AS 241 (Wichura 1988, Applied Statistics 37(3) 477-484), rounded to the nearest double.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943,
  5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548,
  1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Horner evaluation of `c[0] + c[1]·r + … + c[7]·r⁷`, highest degree first (AS 241's nesting). */
function poly(c: readonly number[], r: number): number {
  let v = c[7]!;
  for (let i = 6; i >= 0; i--) v = v * r + c[i]!;
  return v;
}

/**
 * Φ⁻¹(p): the z such that P(Z ≤ z) = p for a standard normal Z, accurate to about 1e-16 relative (AS 241).
 * `p = 0` gives −Infinity, `p = 1` gives +Infinity.
 *
 * Reference: Wichura, M. J. (1988) Algorithm AS 241, Applied Statistics 37(3), 477–484; R `qnorm(p)`
 * (`src/nmath/qnorm.c`, R 4.2). The MannWhitneySuite's expected z values (e.g. 1.9599639845400536 for
 * `α/2 = (1 − 0.95)/2`) were produced this way.
 *
 * @param p a probability in [0, 1]
 * @returns the quantile (in standard deviations)
 * @throws {RangeError} when `p` is NaN or outside [0, 1]
 * @example normalQuantile(0.01) // -2.3263478740408408
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${String(p)}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  // r = min(p, 1 − p), with 1 − p computed as R does: 0.5 − p + 0.5.
  let r = q < 0 ? p : 0.5 - p + 0.5;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r += -1.6;
    val = poly(C, r) / poly(D, r);
  } else {
    r += -5;
    val = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -val : val;
}

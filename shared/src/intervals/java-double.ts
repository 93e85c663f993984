/**
 * Java's `Double.toString(double)`, which Orca and Kayenta use to print scores in their messages
 * (`"Final canary score " + score + …` / `String.format("%s", score)`).
 *
 * Rules (Java SE `Double.toString` contract): NaN → `NaN`, ±∞ → `Infinity`/`-Infinity`, ±0 → `0.0`/`-0.0`;
 * 10⁻³ ≤ |x| < 10⁷ → plain decimal with at least one digit after the point (`100.0`, `60.5`, `0.001`);
 * otherwise computerized scientific notation `d.dddE±n` without a `+` (`1.0E7`, `1.5E-4`).
 * Digits are the shortest that round-trip, as JavaScript's `Number#toString` and JDK 19+ both produce
 * (older JDKs occasionally printed one more digit; those rare cases are not reproduced).
 *
 * @param x - any double
 * @returns the Java string for `x`
 * @example javaDoubleToString(100) // '100.0'
 * @example javaDoubleToString(1e7) // '1.0E7'
 * @see https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/Double.html#toString(double)
 */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa = '', exponent = '0'] = x.toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${Number(exponent)}`;
}

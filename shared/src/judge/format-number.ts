/**
 * Number formatting for explanations and messages, in a module of its own so that callers needing only it (the
 * shared rules, the Deck plugin's start-up validator) do not pull in the explanation writer; `explain.ts`
 * re-exports it.
 */

/**
 * Formats a number for a sentence: 4 significant digits, plain notation between 1e-3 and 1e6, else exponent form;
 * `NaN` as `NaN`, integers as they are.
 *
 * @param x Any number.
 * @returns A short string, e.g. `24.75`, `6.825e-5`, `NaN`.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  return x
    .toExponential(3)
    .replace(/\.?0+e/, 'e')
    .replace('e+', 'e');
}

/**
 * Test support: the WCAG 2.x contrast ratio of two colours, for tests that check text stays readable on its
 * background (WCAG 2.1 §1.4.3 asks 4.5:1 for normal text; https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
 */

/** WCAG contrast ratio (1 to 21) of two `#rrggbb` colours, from their relative luminances; order does not matter. */
export function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

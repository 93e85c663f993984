// Issue 13: text contrast ≥ 4.5:1 in the config panel (WCAG 2.2 SC 1.4.3), in the states a pipeline author meets:
// open metric editors, errors beside fields and in the summary, the Undo notice, hints and the threshold band. The
// colours are the panel's own stylesheet (Deck's CSS variables resolved to the plugin's fallbacks); the browser test
// runs axe-core's color-contrast rule on the demo host as well.
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPanel } from '../testing/renderPanel';
import { STYLE_ELEMENT_ID } from '../styles';
import { PANEL_STYLE_ELEMENT_ID } from './panelStyles';
import { testIds } from '../testIds';
import { formToStage } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';

/** An rgb() / #rrggbb / var(--x, fallback) colour as [r, g, b, alpha]; null when it cannot be read. */
function parseColor(value: string): [number, number, number, number] | null {
  const v = value.trim().replace(/^var\(--[\w-]+,\s*(.+)\)$/, '$1');
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(v);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).concat(1) as [number, number, number, number];
  }
  const rgb = /^rgba?\(([^)]+)\)$/.exec(v);
  if (rgb) {
    const [r, g, b, a] = rgb[1]!.split(',').map((x) => Number(x.trim()));
    return [r!, g!, b!, a ?? 1];
  }
  return null;
}

/** WCAG 2.x contrast ratio of two opaque colours. */
function ratio(a: readonly number[], b: readonly number[]): number {
  const lum = (c: readonly number[]) => {
    const [r, g, bl] = c.slice(0, 3).map((x) => {
      const s = x / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The first opaque background from `el` up (white, the page, when none is set). */
function backgroundOf(el: Element | null): number[] {
  for (let e = el; e; e = e.parentElement) {
    const c = parseColor(getComputedStyle(e).backgroundColor);
    if (c && c[3] === 1) return c;
  }
  return [255, 255, 255, 1];
}

/** Every element with its own text in `root`, with its contrast; the ones below 4.5:1 listed. */
function lowContrast(root: Element): { checked: number; low: string[]; unreadable: string[] } {
  const low: string[] = [];
  const unreadable: string[] = [];
  let checked = 0;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const text = Array.from(el.childNodes)
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
    if (text === '') continue;
    const color = parseColor(getComputedStyle(el).color);
    if (!color) {
      unreadable.push(`${el.tagName}.${el.className}: ${getComputedStyle(el).color}`);
      continue;
    }
    checked += 1;
    const r = ratio(color, backgroundOf(el));
    if (r < 4.5) low.push(`${el.tagName}.${el.className} "${text.slice(0, 30)}": ${r.toFixed(2)}`);
  }
  return { checked, low, unreadable };
}

afterEach(() => {
  document.getElementById(STYLE_ELEMENT_ID)?.remove();
  document.getElementById(PANEL_STYLE_ELEMENT_ID)?.remove();
});

describe('config panel text contrast', () => {
  it('is at least 4.5:1 for every text, with editors open, errors, the summary and the Undo notice', () => {
    renderPanel({ type: 'canaryJudge', name: 'x', ...formToStage(validForm(), {}) });
    fireEvent.change(screen.getByLabelText('Marginal'), { target: { value: '80' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove metric 3' }));
    expect(screen.getByTestId(testIds.config.undoRemove)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.config.metric(0))).toBeInTheDocument();
    const result = lowContrast(screen.getByTestId(testIds.config.root));
    expect(result.unreadable).toEqual([]);
    expect(result.low).toEqual([]);
    expect(result.checked).toBeGreaterThan(100);
  }, 60_000);

  it('the check itself finds low contrast (grey #999 hint text on white)', () => {
    const div = document.createElement('div');
    div.innerHTML = '<p style="color: #999999">faint</p><p style="color: #555555">dark enough</p>';
    document.body.appendChild(div);
    expect(lowContrast(div).low).toEqual(['P. "faint": 2.85']);
    div.remove();
  });
});

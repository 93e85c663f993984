/**
 * The config panel's own CSS (metric table, query editor, group weights, Undo notice), injected by the panel when it
 * first renders. It lives in the lazily loaded editor chunk, so the code Deck loads before its first paint stays
 * within its 15 KB gzip budget (`LazyStageConfig.tsx`); the shared classes are in `../styles.ts`.
 */
import { injectStyleElement } from '../styles';

/** Id of the injected `<style>` element. */
export const PANEL_STYLE_ELEMENT_ID = 'cj-canary-judge-panel-styles';

/** The stylesheet. */
export const PANEL_CSS = `
.cj-code-input { font-family: Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12px; resize: vertical; white-space: pre; overflow-wrap: normal; min-height: 3em; }
.cj-query .cj-field { width: 100%; margin-bottom: 8px; }
.cj-metrics-layout { display: flex; flex-wrap: wrap; gap: 0 24px; align-items: flex-start; }
.cj-metrics-main { flex: 1 1 560px; min-width: 0; }
.cj-weights { flex: 0 1 380px; min-width: 240px; }
.cj-scroll { max-width: 100%; overflow-x: auto; }
.cj-root .cj-scroll > table.cj-metric-table { display: table; margin-bottom: 4px; }
.cj-config .cj-table tbody tr { cursor: auto; }
.cj-config .cj-table tbody tr.cj-metric-summary { cursor: pointer; }
.cj-metric-table th, .cj-metric-table td { vertical-align: middle; }
.cj-metric-table caption { caption-side: top; text-align: left; }
.cj-metric-table .cj-row-toggle { padding: 0; font-weight: 600; text-align: left; white-space: normal; color: #1f5f99; }
.cj-metric-table .cj-query-summary code { white-space: nowrap; }
.cj-metric-editor-row > td { padding: 4px 0 8px; background: #fafafa; }
.cj-weight-table th, .cj-weight-table td { vertical-align: middle; padding: 4px 6px; }
.cj-weight-input { width: 5em; }
.cj-weight-table th { white-space: nowrap; }
.cj-undo { margin: 4px 0; }
.cj-undo .btn-link { padding: 0 4px; color: #1f5f99; text-decoration: underline; vertical-align: baseline; }
`;

/**
 * Adds the panel's stylesheet to `doc` once; later calls are no-ops.
 * @param doc the document (the page's by default)
 */
export function injectPanelStyles(doc: Document = document): void {
  injectStyleElement(doc, PANEL_STYLE_ELEMENT_ID, PANEL_CSS);
}

/**
 * The plugin's CSS, injected once into `<head>` when a component first renders (Deck only loads `index.js`, so CSS
 * cannot be a separate file; `docs/design/deck-plugin.md` §4 item 3). Every class starts with `cj-` to stay clear of
 * Deck, Kayenta and Bootstrap 3 names. Injection happens on render, never at module load (§4 item 6 there).
 */

/** Id of the injected `<style>` element. */
export const STYLE_ELEMENT_ID = 'cj-canary-judge-styles';

/** The stylesheet (Deck's CSS variables first, with fallbacks for the demo host). */
export const CSS = `
.cj-root { font-size: 13px; color: var(--color-text-primary, #222); max-width: 100%; min-width: 0; overflow-wrap: anywhere; }
.cj-root table { display: block; max-width: 100%; overflow-x: auto; overflow-wrap: normal; }
.cj-root th, .cj-root td { overflow-wrap: normal; word-break: normal; }
.cj-root svg { max-width: 100%; }
.cj-root .recharts-wrapper { overflow: hidden; }
.cj-root select, .cj-root input[type=text] { max-width: 100%; }
.cj-root code, .cj-root .cj-code { color: inherit; background: var(--color-alabaster, #f4f4f4); border: 1px solid #d8d8d8; border-radius: 3px; padding: 0 4px; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.cj-field .cj-hint, .cj-field .cj-error, .cj-stage-field .cj-hint, .cj-stage-field .cj-error { display: block; }
.cj-stage-field .cj-label { font-weight: 600; }
.cj-metric-name { padding: 0; font-weight: 600; text-align: left; white-space: normal; color: #1f5f99; }
.cj-full-report { position: fixed; inset: 0; z-index: 1050; background: rgba(0,0,0,0.45); overflow: auto; padding: 24px; }
.cj-full-report-body { background: #fff; max-width: 1400px; margin: 0 auto; padding: 16px 24px; border-radius: 4px; }
.cj-full-report-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.cj-root h4 { margin: 16px 0 8px; font-size: 14px; font-weight: 600; }
.cj-row { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; margin-bottom: 8px; }
.cj-field { display: flex; flex-direction: column; min-width: 140px; }
.cj-field label, .cj-field .cj-label { font-weight: 600; margin-bottom: 2px; }
.cj-field input[type=text]:not(.form-control), .cj-field select:not(.form-control) { padding: 3px 6px; border: 1px solid #999; border-radius: 3px; }
.cj-field input[aria-invalid=true] { border-color: #8a2e00; outline: 1px solid #8a2e00; }
.cj-error { color: #8a2e00; font-size: 12px; margin-top: 2px; }
.cj-hint { color: var(--color-text-caption, #555); font-size: 12px; }
.cj-metric { border: 1px solid #ccc; border-radius: 4px; padding: 8px; margin-bottom: 8px; }
.cj-metric legend { font-size: 13px; font-weight: 600; width: auto; border: 0; margin: 0; padding: 0 4px; }
.cj-check { display: inline-flex; gap: 4px; align-items: center; font-weight: normal; }
.cj-button:focus, .cj-root [tabindex]:focus, .cj-root button:focus { outline: 2px solid #0072B2; outline-offset: 1px; }
.cj-bar { display: flex; height: 22px; border-radius: 3px; overflow: hidden; border: 1px solid #999; }
.cj-bar > div { display: flex; align-items: center; justify-content: center; font-size: 11px; overflow: hidden; white-space: nowrap; }
.cj-chip { display: inline-flex; gap: 4px; align-items: center; padding: 1px 8px; border-radius: 10px; font-weight: 600; }
.cj-verdict { font-size: 20px; padding: 4px 12px; border-radius: 4px; display: inline-flex; gap: 8px; align-items: center; }
.cj-table { border-collapse: collapse; width: 100%; }
.cj-table th, .cj-table td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #ddd; }
.cj-table tr.cj-selected { background: #eef5fb; }
.cj-table tbody tr { cursor: pointer; }
.cj-group-block { border: 0; padding: 2px 4px; cursor: pointer; }
.cj-simulation { border: 2px dashed #E69F00; border-radius: 4px; padding: 8px; margin-top: 16px; }
.cj-changed { color: #5c3300; background: #fde9c4; border: 1px solid #E69F00; }
.cj-simulation-badge { background: #E69F00; color: #000; font-weight: 700; padding: 1px 6px; border-radius: 3px; }
.cj-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.cj-nodata { border: 1px dashed #999; padding: 16px; text-align: center; color: #3d3d3d; }
`;

/**
 * Appends a `<style id={id}>` holding `css` to `doc`'s head unless an element with that id is already there, so a
 * stylesheet is added once however often the components that need it mount.
 * @param doc the document
 * @param id the element id (also the "already added" mark)
 * @param css the stylesheet text
 */
export function injectStyleElement(doc: Document, id: string, css: string): void {
  if (doc.getElementById(id)) return;
  const el = doc.createElement('style');
  el.id = id;
  el.textContent = css;
  doc.head.appendChild(el);
}

/** Adds the stylesheet to `doc` once; later calls are no-ops. */
export function injectStyles(doc: Document = document): void {
  injectStyleElement(doc, STYLE_ELEMENT_ID, CSS);
}

/**
 * Row state of the config panel's compact metric table: a stable React key per metric and whether its editor is
 * open, kept beside the form's `metrics` array and moved with it (add, remove, undo of a remove). Pure; the panel
 * holds the array in state. The table starts collapsed from {@link COMPACT_FROM} metrics (e.g. 14 imported from
 * Kayenta fit one screen) and open below it, so a short config shows its editors at once (issue 13, "the panel at
 * scale"; docs/configure-stage.md §Metrics).
 */

/** One metric row: its React key (never reused within a panel) and whether the row's editor is expanded. */
export interface MetricRow {
  key: number;
  open: boolean;
}

/** From this many metrics the table starts with every row collapsed (fewer: every row open). */
export const COMPACT_FROM = 4;

/**
 * Rows for a freshly read list of metrics (panel start, Kayenta import, stage JSON replaced).
 *
 * @param count number of metrics (≥ 0)
 * @param firstKey the first key to use (keys then count up), so keys stay unique across resets
 * @returns `count` rows, open when `count` < {@link COMPACT_FROM}
 * @example initialRows(2) // [{ key: 0, open: true }, { key: 1, open: true }]
 */
export function initialRows(count: number, firstKey = 0): MetricRow[] {
  const open = count < COMPACT_FROM;
  return Array.from({ length: Math.max(0, count) }, (_, i) => ({ key: firstKey + i, open }));
}

/**
 * The next unused key.
 *
 * @param rows the current rows
 * @returns one more than the largest key (0 for no rows)
 */
export function nextKey(rows: readonly MetricRow[]): number {
  return rows.reduce((k, r) => Math.max(k, r.key + 1), 0);
}

/**
 * The rows lined up with a metric count that changed outside the table (e.g. a metric list edited as stage JSON):
 * the first rows are kept, missing ones are added collapsed with new keys. Deterministic, so calling it on every
 * render yields the same keys until the state itself changes.
 *
 * @param rows the rows in state
 * @param count the number of metrics in the form
 * @returns exactly `count` rows
 */
export function alignRows(rows: readonly MetricRow[], count: number): MetricRow[] {
  if (rows.length === count) return rows as MetricRow[];
  if (rows.length > count) return rows.slice(0, count);
  const first = nextKey(rows);
  return [...rows, ...Array.from({ length: count - rows.length }, (_, i) => ({ key: first + i, open: false }))];
}

/**
 * Rows after "Add metric": a new open row at the end (its editor shows, and focus moves to its first field).
 *
 * @param rows the current rows
 * @returns the rows with one more, open, row
 */
export function addRow(rows: readonly MetricRow[]): MetricRow[] {
  return [...rows, { key: nextKey(rows), open: true }];
}

/**
 * Rows after removing the metric at `index`, and the removed row (kept for Undo).
 *
 * @param rows the current rows
 * @param index position of the removed metric (out of range: nothing removed, `removed` null)
 * @returns the remaining rows and the removed one
 */
export function removeRow(rows: readonly MetricRow[], index: number): { rows: MetricRow[]; removed: MetricRow | null } {
  const removed = rows[index] ?? null;
  return { rows: rows.filter((_, j) => j !== index), removed };
}

/**
 * Rows after Undo of a remove: the row back at its position (clamped to the end), open as it was.
 *
 * @param rows the current rows
 * @param index where the row stood
 * @param row the removed row (its key is replaced when a later row took it)
 * @returns the rows with the row restored
 */
export function insertRow(rows: readonly MetricRow[], index: number, row: MetricRow): MetricRow[] {
  const at = Math.max(0, Math.min(index, rows.length));
  const key = rows.some((r) => r.key === row.key) ? nextKey(rows) : row.key;
  return [...rows.slice(0, at), { key, open: row.open }, ...rows.slice(at)];
}

/**
 * Rows with the row at `index` opened or closed.
 *
 * @param rows the current rows
 * @param index the row (out of range: unchanged)
 * @param open the new state
 * @returns the rows
 */
export function setRowOpen(rows: readonly MetricRow[], index: number, open: boolean): MetricRow[] {
  return rows.map((r, j) => (j === index && r.open !== open ? { ...r, open } : r));
}

/**
 * Which metric a validation issue's JSON path points into, so the panel can open that row before focusing the field.
 *
 * @param path e.g. `payload.canaryConfig.metrics[3].analysisConfigurations.canary.effectSize.allowedIncrease`
 * @returns the metric's index (3), or null for a path outside one metric
 * @example metricIndexOfPath('payload.canaryConfig.metrics[0].name') // 0
 */
export function metricIndexOfPath(path: string): number | null {
  const m = /^payload\.canaryConfig\.metrics\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}

import { describe, expect, it } from 'vitest';
import {
  COMPACT_FROM,
  addRow,
  alignRows,
  initialRows,
  insertRow,
  metricIndexOfPath,
  nextKey,
  removeRow,
  setRowOpen,
} from './metricRows';

describe('metric rows', () => {
  it('start open below COMPACT_FROM metrics and collapsed from it', () => {
    expect(initialRows(COMPACT_FROM - 1).every((r) => r.open)).toBe(true);
    expect(initialRows(COMPACT_FROM).some((r) => r.open)).toBe(false);
    expect(initialRows(14, 20).map((r) => r.key)).toEqual(Array.from({ length: 14 }, (_, i) => 20 + i));
    expect(initialRows(0)).toEqual([]);
  });

  it('add an open row with a new key; remove returns the row; insert puts it back at its place', () => {
    const rows = setRowOpen(initialRows(5), 2, true);
    const added = addRow(rows);
    expect(added[5]).toEqual({ key: 5, open: true });
    const { rows: left, removed } = removeRow(added, 2);
    expect(removed).toEqual({ key: 2, open: true });
    expect(left.map((r) => r.key)).toEqual([0, 1, 3, 4, 5]);
    expect(insertRow(left, 2, removed!)).toEqual(added);
    expect(removeRow(added, 9)).toEqual({ rows: added, removed: null });
  });

  it('insert clamps the place to the end and never reuses a key in use', () => {
    const rows = initialRows(2);
    expect(insertRow(rows, 7, { key: 9, open: false }).map((r) => r.key)).toEqual([0, 1, 9]);
    expect(insertRow(rows, 0, { key: 1, open: true })).toEqual([{ key: 2, open: true }, ...rows]);
    expect(nextKey([])).toBe(0);
  });

  it('line up with a metric count changed elsewhere, deterministically', () => {
    const rows = initialRows(2);
    expect(alignRows(rows, 2)).toBe(rows);
    expect(alignRows(rows, 1)).toEqual([rows[0]]);
    const grown = alignRows(rows, 4);
    expect(grown).toEqual([...rows, { key: 2, open: false }, { key: 3, open: false }]);
    expect(alignRows(rows, 4)).toEqual(grown);
  });

  it('open and close one row only', () => {
    const rows = initialRows(5);
    const opened = setRowOpen(rows, 3, true);
    expect(opened.map((r) => r.open)).toEqual([false, false, false, true, false]);
    expect(setRowOpen(opened, 3, false)).toEqual(rows);
    expect(opened[0]).toBe(rows[0]);
  });

  it('find the metric a validation path points into', () => {
    expect(metricIndexOfPath('payload.canaryConfig.metrics[12].analysisConfigurations.canary.direction')).toBe(12);
    expect(metricIndexOfPath('payload.canaryConfig.metrics[0]')).toBe(0);
    expect(metricIndexOfPath('payload.canaryConfig.metrics')).toBeNull();
    expect(metricIndexOfPath('payload.canaryConfig.classifier.groupWeights.latency')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { failureStatus, mapStatusValue, sendsCancelAfter } from './status';
import { readJsonPath } from './jsonpath';

const lists = { successStatuses: 'SUCCEEDED', canceledStatuses: 'CANCELED', terminalStatuses: 'TERMINAL' };

describe('mapStatusValue', () => {
  it.each([
    ['SUCCEEDED', 'SUCCEEDED'],
    ['succeeded', 'SUCCEEDED'],
    ['Canceled', 'CANCELED'],
    ['terminal', 'TERMINAL'],
    ['RUNNING', 'RUNNING'],
    ['FAILED', 'RUNNING'],
  ] as const)('maps %s case-insensitively to %s (unknown keeps polling)', (value, expected) => {
    expect(mapStatusValue(value, lists).status).toBe(expected);
  });

  it('lets the terminal list win over canceled and success lists', () => {
    const overlap = { successStatuses: 'DONE, X', canceledStatuses: 'X ,Y', terminalStatuses: 'y' };
    expect(mapStatusValue('x', overlap).status).toBe('CANCELED');
    expect(mapStatusValue('Y', overlap).status).toBe('TERMINAL');
    expect(mapStatusValue('done', overlap).status).toBe('SUCCEEDED');
  });

  it('treats numbers as percent complete: only 100 succeeds', () => {
    expect(mapStatusValue(100, lists)).toEqual({ status: 'SUCCEEDED', percentComplete: 100 });
    expect(mapStatusValue(99.9, lists)).toEqual({ status: 'RUNNING', percentComplete: 99.9 });
  });

  it('fails a string status when successStatuses is not set', () => {
    expect(mapStatusValue('SUCCEEDED', {}).status).toBe('TERMINAL');
  });
});

describe('failureStatus', () => {
  it('follows continuePipeline, then failPipeline', () => {
    expect(failureStatus({})).toBe('TERMINAL');
    expect(failureStatus({ continuePipeline: true, failPipeline: false })).toBe('FAILED_CONTINUE');
    expect(failureStatus({ failPipeline: false })).toBe('STOPPED');
    expect(failureStatus({}, 'CANCELED')).toBe('CANCELED');
    expect(sendsCancelAfter('STOPPED')).toBe(true);
    expect(sendsCancelAfter('CANCELED')).toBe(false);
    expect(sendsCancelAfter('SUCCEEDED')).toBe(false);
  });
});

describe('readJsonPath', () => {
  it('reads dotted, bracketed and indexed paths and tells missing from null', () => {
    const doc = { status: 'RUNNING', a: { 'b-c': [null, { d: 1 }] } };
    expect(readJsonPath(doc, '$.status')).toEqual({ found: true, value: 'RUNNING' });
    expect(readJsonPath(doc, "$.a['b-c'][1].d")).toEqual({ found: true, value: 1 });
    expect(readJsonPath(doc, "$.a['b-c'][0]")).toEqual({ found: true, value: null });
    expect(readJsonPath(doc, '$.message')).toEqual({ found: false });
    expect(readJsonPath('text', '$.status')).toEqual({ found: false });
    expect(() => readJsonPath(doc, '$..status')).toThrow(/unsupported JSONPath/);
  });
});

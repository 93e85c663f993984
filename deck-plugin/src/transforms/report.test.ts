import { describe, expect, it } from 'vitest';
import { latestJudgedInterval, readJudgeResult, readReport, wireToNumber } from './report';
import { reportBody } from '../testing/reportFixtures';

describe('readReport', () => {
  it('reads intervals, wire NaN and series', () => {
    const r = readReport(reportBody());
    expect(r.intervals).toHaveLength(3);
    expect(r.intervals[2]).toMatchObject({ index: 3, state: 'PENDING', score: null, result: null, warnings: [] });
    const s = r.intervals[1]!.series['p99-latency']!;
    expect(s.control!.values[2]).toBeNaN();
    expect(s.experiment!.values).toEqual([140, 141, 139, 142]);
    expect(r.judgment.verdict).toBe('FAIL');
  });

  it('names the missing field for a non-report body', () => {
    expect(() => readReport({})).toThrow('report: field "judgment" is missing');
    expect(() => readReport({ judgment: {}, intervals: 3 })).toThrow(
      'report: field "intervals" is missing or not an array',
    );
  });

  it('drops malformed series instead of crashing', () => {
    const body = reportBody();
    (body['intervals'] as Array<Record<string, unknown>>)[1]!['series'] = { x: { control: { timestamps: 'no' } } };
    expect(readReport(body).intervals[1]!.series['x']).toEqual({});
  });

  it('finds the latest judged interval', () => {
    expect(latestJudgedInterval(readReport(reportBody()))?.index).toBe(2);
    const body = reportBody();
    body['intervals'] = [];
    expect(latestJudgedInterval(readReport(body))).toBeNull();
  });

  it('wireToNumber maps "NaN" and junk to NaN', () => {
    expect(wireToNumber('NaN')).toBeNaN();
    expect(wireToNumber(null)).toBeNaN();
    expect(wireToNumber(3)).toBe(3);
  });
});

describe('readJudgeResult', () => {
  it('completes results with missing metadata instead of crashing the view', () => {
    const r = readJudgeResult({ results: [{ name: 'm', classification: 'Weird' }, {}], score: { score: 12 } });
    expect(r?.results[0]).toMatchObject({
      name: 'm',
      classification: 'Error',
      groups: [],
      critical: false,
      muted: false,
      controlMetadata: { stats: { count: 0, mean: 'NaN' } },
    });
    expect(r?.results[1]?.name).toBe('metric 2');
    expect(r?.groupScores).toEqual([]);
    expect(r?.score).toEqual({ score: 12, classification: 'Fail', classificationReason: '' });
  });
  it('returns null without a results list', () => {
    expect(readJudgeResult({ score: {} })).toBeNull();
    expect(readJudgeResult(undefined)).toBeNull();
  });
});

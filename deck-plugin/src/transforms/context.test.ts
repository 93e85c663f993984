import { describe, expect, it } from 'vitest';
import { displayStatus, parseJudgmentUrl, readStageContext, reportUrlFor } from './context';
import { judgment } from '../testing/reportFixtures';

const URL_ = 'http://127.0.0.1:8080/v1/judgments/exec1-stage1-1700000000000';

describe('readStageContext', () => {
  it('prefers the monitor body over the create body', () => {
    const s = readStageContext({
      status: 'TERMINAL',
      context: {
        url: URL_,
        webhook: { body: judgment({ status: 'RUNNING', verdict: null }), monitor: { body: judgment() } },
      },
    });
    expect(s.judgment?.verdict).toBe('FAIL');
    expect(s.judgmentKey).toBe('exec1-stage1-1700000000000');
    expect(s.judgeBaseUrl).toBe('http://127.0.0.1:8080');
    expect(displayStatus(s)).toBe('FAIL');
  });

  it('falls back to the create body and parses text bodies', () => {
    const s = readStageContext({
      status: 'RUNNING',
      context: { webhook: { body: JSON.stringify(judgment({ status: 'RUNNING', verdict: null })) } },
    });
    expect(s.judgment?.status).toBe('RUNNING');
    expect(displayStatus(s)).toBe('RUNNING');
  });

  it('collects errors from the webhook, the monitor, the exception and the judgment', () => {
    const s = readStageContext({
      status: 'TERMINAL',
      context: {
        webhook: {
          error: 'connection refused',
          monitor: {
            error: 'connection refused',
            body: judgment({ verdict: null, error: { code: 'BAD_QUERY', message: 'metric x: bad' } }),
          },
        },
        exception: { details: { errors: ['Stage timed out'] } },
      },
    });
    expect(s.errors).toEqual(['connection refused', 'Stage timed out', 'BAD_QUERY: metric x: bad']);
    expect(displayStatus(s)).toBe('ERROR');
  });

  it('shows not started, canceled and survives garbage', () => {
    expect(displayStatus(readStageContext({}))).toBe('NOT_STARTED');
    expect(displayStatus(readStageContext({ status: 'CANCELED', context: 'x' }))).toBe('CANCELED');
    expect(readStageContext({ context: { webhook: { body: '{not json' } } }).judgment).toBeNull();
  });
});

describe('parseJudgmentUrl / reportUrlFor', () => {
  it('rejects unresolved SpEL keys', () => {
    expect(parseJudgmentUrl('http://x/v1/judgments/${execution.id}')).toEqual({ base: null, key: null });
  });
  it('has no report when the judge refused the create call', () => {
    const refused = readStageContext({
      context: { url: URL_, webhook: { statusCodeValue: 400, body: judgment({ verdict: null }) } },
    });
    expect(refused.accepted).toBe(false);
    expect(reportUrlFor(refused, undefined)).toBeNull();
    const polled = readStageContext({
      context: { url: URL_, webhook: { statusCodeValue: 201, monitor: { body: judgment() } } },
    });
    expect(reportUrlFor(polled, undefined)).toBe(`${URL_}/report`);
  });

  it('uses the configured report base first', () => {
    const s = readStageContext({ context: { url: URL_ } });
    expect(reportUrlFor(s, undefined)).toBe(`${URL_}/report`);
    expect(reportUrlFor(s, 'https://gate/proxies/cj/')).toBe(
      'https://gate/proxies/cj/v1/judgments/exec1-stage1-1700000000000/report',
    );
    expect(reportUrlFor(readStageContext({}), 'https://x')).toBeNull();
  });
});

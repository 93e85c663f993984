import { describe, expect, it } from 'vitest';
import { attemptsText } from './attempts';

const earlier = (over: Record<string, unknown>) => ({
  attempt: 1,
  status: 'TERMINAL' as const,
  verdict: null,
  score: null,
  error: null,
  createdAt: '2024-05-01T12:00:00.000Z',
  completedAt: '2024-05-01T12:10:00.000Z',
  ...over,
});

describe('attemptsText', () => {
  it('is null for a first attempt or a partial judgment', () => {
    expect(attemptsText(null)).toBeNull();
    expect(attemptsText({ status: 'RUNNING' })).toBeNull();
    expect(attemptsText({ attempt: 2, earlierAttempts: [] })).toBeNull();
  });

  it('names the current attempt and each earlier one by verdict and score, error code or cancel', () => {
    expect(
      attemptsText({
        attempt: 4,
        earlierAttempts: [
          earlier({ verdict: 'FAIL', score: 35.456 }),
          earlier({ attempt: 2, error: { code: 'TIMEOUT', message: 'slow' } }),
          earlier({ attempt: 3, status: 'CANCELED' }),
        ],
      }),
    ).toBe('Attempt 4 (the stage was restarted). Earlier: #1 FAIL (score 35.46), #2 ERROR TIMEOUT, #3 CANCELED');
  });
});

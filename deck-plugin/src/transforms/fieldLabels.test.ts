import { describe, expect, it } from 'vitest';
import { fieldTarget, messageWithLabels } from './fieldLabels';

describe('field labels for the validation summary', () => {
  it('names stage, weight and metric fields by label with their input ids', () => {
    expect(fieldTarget('payload.timing.stepSeconds', 'cj1')).toEqual({ label: 'Step (s)', id: 'cj1-step' });
    expect(fieldTarget('payload.canaryConfig.classifier.groupWeights.errors', 'cj1')).toEqual({
      label: 'Weight of group "errors"',
      id: 'cj1-w-errors',
    });
    expect(fieldTarget('payload.canaryConfig.metrics[4].analysisConfigurations.canaryJudge.test', 'cj1')).toEqual({
      label: 'Metric 5 · Test',
      id: 'cj1-m4-test',
    });
    expect(fieldTarget('payload.canaryConfig.metrics[0].scopeName', 'cj1')).toEqual({
      label: 'Metric 1 · Scope',
      id: 'cj1-m0-scope',
    });
  });

  it('names a scope pair of the scope table by its name and column, never by the JSON path', () => {
    expect(fieldTarget('payload.namedScopes.eu.controlScope', 'cj1')).toEqual({
      label: 'Scope "eu" · Baseline scope',
      id: null,
    });
    expect(fieldTarget('payload.namedScopes.eu', 'cj1').label).toBe('Scope "eu"');
    expect(fieldTarget('payload.namedScopes.eu.experimentScope', 'cj1', ['us', 'eu']).id).toBe(
      'cj1-scope1-experimentScope',
    );
    expect(fieldTarget('payload.namedScopes.eu', 'cj1', ['eu']).id).toBe('cj1-scope0-name');
  });

  it('rewrites the stage paths a message mentions as labels, leaving other text alone', () => {
    expect(
      messageWithLabels(
        '1 point per side, fewer than the 3 needed to judge; lengthen payload.timing.intervalMinutes or shorten payload.timing.stepSeconds',
      ),
    ).toBe('1 point per side, fewer than the 3 needed to judge; lengthen Interval (min) or shorten Step (s)');
    expect(messageWithLabels('must be at most upperLimit (1)')).toBe('must be at most upperLimit (1)');
    expect(messageWithLabels('see payload.nosuch.field')).toBe('see payload.nosuch.field');
  });
});

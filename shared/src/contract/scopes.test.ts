import { describe, expect, it } from 'vitest';
import { definedScopeNames, metricScopeName, scopesForMetric } from './scopes';

const request = {
  scopes: { controlScope: 'baseline', experimentScope: 'canary' },
  namedScopes: {
    'us-east': { controlScope: 'baseline-east', experimentScope: 'canary-east', controlLocation: 'us-east-1' },
  },
};

describe('scopesForMetric (Kayenta scopeName semantics)', () => {
  it('uses the default pair for no scopeName, "" and "default"', () => {
    for (const m of [{}, { scopeName: '' }, { scopeName: 'default' }]) {
      expect(scopesForMetric(request, m)).toBe(request.scopes);
    }
    expect(metricScopeName({})).toBe('default');
  });
  it('uses the named pair for its scopeName and null for an unknown one', () => {
    expect(scopesForMetric(request, { scopeName: 'us-east' })?.controlScope).toBe('baseline-east');
    expect(scopesForMetric(request, { scopeName: 'eu-west' })).toBeNull();
    expect(scopesForMetric({ scopes: request.scopes }, { scopeName: 'us-east' })).toBeNull();
    expect(scopesForMetric(request, { scopeName: 'toString' })).toBeNull();
  });
  it('lists the defined names, default first', () => {
    expect(definedScopeNames(request)).toEqual(['default', 'us-east']);
    expect(definedScopeNames({})).toEqual(['default']);
  });
});

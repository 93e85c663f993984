/**
 * Multi-interval canary analysis as Orca computes it: planning the windows, the early-failure rule after each
 * interval, the final aggregation and the low-sample warning. Pure functions; times are epoch ms passed in.
 * Reference: `docs/design/kayenta-judge.md` §11, `docs/design/orca-webhook-contract.md` §5.
 */
export * from './errors';
export * from './java-double';
export * from './timing';
export * from './plan';
export * from './orca-stages';
export * from './outcome';
export * from './aggregate';
export * from './warnings';

/**
 * Canary Judge scoring library: Kayenta-compatible NetflixACAJudge-v1.0, multi-interval verdicts, contract types.
 * Pure TypeScript, no runtime dependencies, no I/O, no clock, no randomness.
 */
export * from './contract/kayenta';
export * from './contract/judgment';
export * from './contract/report';
export * from './contract/scopes';
export * from './contract/remote-judge-schema';
export * from './contract/jackson-coerce';
export * from './stats';
export * from './judge';
export * from './intervals';
export * from './random/mulberry32';
export * from './verdict';
export * from './rules';

/**
 * The Orca-shaped test client: runs a Canary Judge stage the way Orca's webhook stage would
 * (`docs/design/orca-webhook-contract.md` §7).
 */
export * from './clock';
export * from './http';
export * from './jsonpath';
export * from './merge';
export * from './status';
export * from './template';
export * from './url-policy';
export * from './webhook-stage';

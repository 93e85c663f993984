/**
 * One set of rules for a judgment request, used by the service's judgment API, the Deck panel, the what-if and
 * the CLI: every issue at once, each naming its field, in the unit a person reads.
 */
export * from './issues';
export * from './canary-config';
export * from './timing';
export * from './request';
export * from './json-pointer';
export * from './schema-errors';

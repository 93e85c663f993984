/**
 * Verdicts that explain themselves: the score rule in Orca's words, one unit per setting, and headlines naming the
 * metric behind a verdict. Pure formatting shared by the service, the Deck plugin and the CLI.
 */
export * from './units';
export * from './score-rule';
export * from './cause';
export * from './relative-time';

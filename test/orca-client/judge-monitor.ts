/**
 * The webhook-stage fields with which Orca polls a Canary Judge judgment to its end: poll the create URL with GET,
 * read `$.status` in Orca's own words and `$.message` as the progress text
 * (`docs/design/orca-webhook-contract.md` §2.4, §2.5). Every stage document and test stage that talks to the judge
 * carries them.
 */

// The monitor fields (spread into a stage; `toMatchObject` against a saved one) are the ones the Deck plugin writes:
// one definition, pinned value by value in the plugin's own test (deck-plugin/src/transforms/stageJson.test.ts).
export { JUDGE_MONITOR_FIELDS } from '@canary-judge/deck-plugin/testing';

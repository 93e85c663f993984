/**
 * Canary Judge Deck plugin entry: only declares the plugin. Deck imports this ES module and reads `plugin`
 * (`docs/design/deck-plugin.md` §1). No side effects at module load (`docs/design/deck-plugin.md` §4 item 6).
 */
import type { IDeckPlugin } from '@spinnaker/core';
import { canaryJudgeStage } from './stage/canaryJudgeStage';

/** The plugin Deck registers: one stage. */
export const plugin: IDeckPlugin = { stages: [canaryJudgeStage] };

/**
 * Building the webhook stage context from saved stage JSON, the way Orca plans a `webhook` or
 * `preconfiguredWebhook` stage (`docs/design/orca-webhook-contract.md` §2.2 and §7 item 1).
 */

/** One `webhook.preconfigured[]` entry of `orca-local.yml` (only the fields the client needs are typed). */
export interface PreconfiguredWebhook {
  type: string;
  enabled?: boolean;
  label?: string;
  description?: string;
  parameters?: unknown[];
  [field: string]: unknown;
}

/** The saved stage JSON, as Deck (or the Deck plugin) writes it into the pipeline. */
export interface StageJson {
  type: string;
  name?: string;
  refId?: string;
  requisiteStageRefIds?: string[];
  alias?: string;
  [field: string]: unknown;
}

/** Which Orca stage implementation runs the stage and the context it starts with. */
export interface PlannedStage {
  /** `webhook` (plain webhook stage) or `preconfiguredWebhook`. */
  implementation: 'webhook' | 'preconfiguredWebhook';
  /** The stage context (stage JSON minus name/type/refId/requisiteStageRefIds, merged and defaulted). */
  context: Record<string, unknown>;
}

/** Fields an operator entry never copies into the context (`WH/pipeline/PreconfiguredWebhookStage.java`). */
const NOT_COPIED = new Set(['enabled', 'label', 'description', 'type', 'parameters']);
/** Keys Orca takes out of the stage map before it becomes the context (`CORE/pipeline/model/PipelineBuilder.java`). */
const NOT_CONTEXT = new Set(['name', 'type', 'refId', 'requisiteStageRefIds']);

/**
 * Plans a stage like Orca: picks the implementation by `alias` (or by `type` when there is no alias), merges the
 * operator's preconfigured entry for `preconfiguredWebhook` (a non-null operator value replaces the stage's; a null
 * one is set only when the key is absent), and applies the stage defaults (`method` POST, `cancelMethod` POST,
 * `failFastStatusCodes` [504]).
 *
 * Edge cases: a disabled or missing entry fails like Orca ("preconfigured webhook not found"); an alias other than
 * `webhook`/`preconfiguredWebhook`, or a non-webhook type without alias, fails with "no such stage".
 * Reference: `CORE/DefaultStageResolver.java`, `WH/pipeline/PreconfiguredWebhookStage.java`, `WH/pipeline/WebhookStage.java`.
 * @throws Error when Orca would fail the stage at planning.
 */
export function planStage(stage: StageJson, preconfigured: readonly PreconfiguredWebhook[] = []): PlannedStage {
  const implementation = stage.alias ?? stage.type;
  const context: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stage)) if (!NOT_CONTEXT.has(key)) context[key] = value;
  if (implementation === 'preconfiguredWebhook') {
    const entry = preconfigured.find((candidate) => candidate.type === stage.type && candidate.enabled !== false);
    if (entry === undefined) throw new Error(`preconfigured webhook not found for stage type ${stage.type}`);
    for (const [key, value] of Object.entries(entry)) {
      if (NOT_COPIED.has(key)) continue;
      if (value !== null && value !== undefined) context[key] = value;
      else if (!(key in context)) context[key] = null;
    }
  } else if (implementation !== 'webhook') {
    throw new Error(`no such stage: ${implementation} (type ${stage.type})`);
  }
  context.method ??= 'POST';
  context.cancelMethod ??= 'POST';
  context.failFastStatusCodes ??= [504];
  return { implementation, context };
}

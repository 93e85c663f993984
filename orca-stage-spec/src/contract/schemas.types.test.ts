/**
 * Drift check between the JSON Schemas (`schemas.ts`) and the TypeScript contract types
 * (`shared/src/contract/judgment.ts`): compile-time mutual assignability through json-schema-to-ts, so
 * `tsc --noEmit -p orca-stage-spec` (part of `npm test`) fails when either side changes alone. The canary config is
 * Kayenta's open shape (extra fields pass through) and is compared separately in one direction.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { CanaryConfig, Judgment, JudgmentRequest, JudgmentScopes, JudgmentTiming } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { JudgmentReport } from '@canary-judge/shared';
import {
  canaryConfigSchema,
  judgmentReportSchema,
  judgmentRequestSchema,
  judgmentSchema,
  judgmentScopesSchema,
  judgmentTimingSchema,
  scoreThresholdsSchema,
  spinnakerInfoSchema,
} from './schemas';

/** `true` only when A and B are assignable to each other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** An interface rewritten as type literals (which TypeScript lets match index signatures), deeply. */
type Plain<T> = T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
/** Compiles only for `true`. */
function assertType<T extends true>(): T | undefined {
  return undefined;
}

type SchemaJudgment = FromSchema<typeof judgmentSchema>;
type SchemaTiming = FromSchema<typeof judgmentTimingSchema>;
type SchemaScopes = FromSchema<typeof judgmentScopesSchema>;
type SchemaThresholds = FromSchema<typeof scoreThresholdsSchema>;
type SchemaSpinnaker = FromSchema<typeof spinnakerInfoSchema>;
type SchemaRequest = FromSchema<typeof judgmentRequestSchema>;
// `default` keywords document defaults; the fields stay optional on the wire.
type SchemaCanaryConfig = FromSchema<typeof canaryConfigSchema, { keepDefaultedPropertiesOptional: true }>;

assertType<Same<SchemaJudgment, Judgment>>();
assertType<Same<SchemaTiming, JudgmentTiming>>();
assertType<Same<SchemaScopes, JudgmentScopes>>();
assertType<Same<SchemaThresholds, JudgmentRequest['thresholds']>>();
assertType<Same<SchemaSpinnaker, NonNullable<JudgmentRequest['spinnaker']>>>();
assertType<Same<Omit<SchemaRequest, 'canaryConfig'>, Omit<JudgmentRequest, 'canaryConfig'>>>();
// Every CanaryConfig the types allow is accepted by the schema's shape (the schema lets extra fields through).
assertType<Plain<CanaryConfig> extends SchemaCanaryConfig ? true : false>();
// The report the service builds fits the documented report schema.
type SchemaReport = FromSchema<typeof judgmentReportSchema, { keepDefaultedPropertiesOptional: true }>;
assertType<Plain<JudgmentReport> extends SchemaReport ? true : false>();

describe('contract schemas and types', () => {
  it('the demo request (typed as JudgmentRequest) validates against the request schema', () => {
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(judgmentRequestSchema);
    const ok = validate(demoRequest());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

/**
 * The suites of the stand-in stores, on the judgment helpers of ./stand-in-judgment:
 * - stores judged with the stand-ins' own query configs (`standInRequest`: Atlas, SignalFx, Stackdriver): a healthy
 *   canary passes (plus the store's checks of what it was asked), a slow canary fails on latency alone, and edits of
 *   the cpu metric's query config are refused with 400 naming it ({@link itJudgesStandInQueries});
 * - stores judged with a Kayenta canary config as Kayenta stores it (Datadog, New Relic, Wavefront): their rig and
 *   judgments ({@link useKayentaStoreRig}) and the checks after the healthy case ({@link itJudgesLikeKayenta}).
 * Also the bad-input rows the stores share, built from what differs between them.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { expect, it } from 'vitest';
import type { StandIn } from '../support/stand-ins/types';
import {
  expectPassingStage,
  expectRefused,
  itFailsOnLatencyRegression,
  itRefusesBadQueries,
  judgeWithStage,
  kayentaMetric,
  kayentaLatencyMetric,
  retrospectiveRequest,
  standInRequest,
  useStandInRig,
  withFirstQuery,
  type StandInRig,
} from './stand-in-judgment';

/** A query-config edit the service must refuse: what is wrong, the edit of the cpu query (and config), the message. */
export type BadQueryEdit = [
  what: string,
  edit: (query: Record<string, unknown>, config: JudgmentRequest['canaryConfig']) => void,
  message: RegExp,
];

/** The cases of {@link itJudgesStandInQueries}. */
export interface StandInCases {
  /** The healthy canary's test title and the store's own checks of what it was asked. */
  healthy: { title: string; check(rig: StandInRig): void };
  /** The query-config edits the service must refuse. */
  badQueries: BadQueryEdit[];
}

/**
 * Registers a stand-in rig ({@link useStandInRig}) and its suite: the healthy canary (`checkout-canary`) passes with
 * score 100 and `healthy.check`; the slow canary (`checkout-canary-slow`) fails with latency High and cpu Pass; each
 * edit of `badQueries`, made to the cpu metric's query config, is refused with 400 naming
 * `canaryConfig.metrics[1].query` (or its `type`).
 * @param standIn the stand-in
 * @param metricOf which metric a store request is for
 * @param cases the store's checks and bad inputs
 */
export function itJudgesStandInQueries(
  standIn: StandIn,
  metricOf: (url: string, body: string) => string,
  cases: StandInCases,
): void {
  const rig = useStandInRig(standIn, metricOf);
  it(cases.healthy.title, async () => {
    const out = await judgeWithStage(rig(), standInRequest(standIn, 'checkout-canary'));
    expect(out.status).toBe('SUCCEEDED');
    expect(out.body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    cases.healthy.check(rig());
  });

  it('latency regression → FAIL, latency High, cpu Pass', async () => {
    const out = await judgeWithStage(rig(), standInRequest(standIn, 'checkout-canary-slow'));
    expect(out.status).toBe('TERMINAL');
    expect(out.body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    expect(out.classes).toEqual({ latency: 'High', cpu: 'Pass' });
  });

  it.each<BadQueryEdit>(cases.badQueries)('%s → 400 naming the field', async (_what, edit, message) => {
    const request = standInRequest(standIn, 'checkout-canary', (config) => edit(config.metrics[1]!.query!, config));
    const out = await judgeWithStage(rig(), request);
    expect(out.status).toBe('TERMINAL');
    expectRefused(out, /^canaryConfig\.metrics\[1\]\.query(\.type)?$/, message);
  });
}

/**
 * The edit that gives the query config another store's `type`.
 * @param type the other store's type
 */
export function otherStoreTypeEdit(type: string): BadQueryEdit {
  return ['another store’s query type', (q) => (q['type'] = type), new RegExp(`query\\.type is "${type}"`)];
}

/**
 * The edit that drops a required field of the query config.
 * @param field the field
 */
export function missingFieldEdit(field: string): BadQueryEdit {
  return [`no ${field}`, (q) => delete q[field], new RegExp(`query\\.${field} is required`)];
}

/**
 * The edit that sets an inline template using a placeholder the judgment has no value for.
 * @param template the template
 * @param placeholder the placeholder's name, as in the template's `${…}`
 */
export function unknownPlaceholderEdit(template: string, placeholder: string): BadQueryEdit {
  return [
    'an unknown placeholder',
    (q) => (q['customInlineTemplate'] = template),
    new RegExp(`uses the placeholder \\$\\{${placeholder}\\}`),
  ];
}

/** A Kayenta query config the service must refuse: what is wrong, the query config, the message. */
export type BadQueryConfig = [what: string, query: Record<string, unknown>, message: RegExp];

/**
 * The query config naming a `customFilterTemplate` (`nope`) the canary config's `templates` lack.
 * @param type the store's query type
 */
export function missingNamedTemplateQuery(type: string): BadQueryConfig {
  return [
    'a missing named template',
    { type, customFilterTemplate: 'nope' },
    /"nope" is not in canaryConfig\.templates/,
  ];
}

/**
 * The query config whose inline template uses a placeholder (`${team}`) the judgment does not supply.
 * @param type the store's query type
 * @param template the template, using `${team}`
 */
export function teamPlaceholderQuery(type: string, template: string): BadQueryConfig {
  return [
    'a template with a placeholder the judgment does not supply',
    { type, customInlineTemplate: template },
    /query\.customInlineTemplate uses the placeholder \$\{team\}/,
  ];
}

/**
 * The two-metric Kayenta canary config the stand-in stores judge (shape of a config Kayenta stores,
 * NetflixACAJudge-v1.0): `latency` (group Latency, critical, may not increase) and `cpu` (group System, may not
 * increase), weighted 50/50. Each query gets `type` and Kayenta's `serviceType` set to the store's type.
 * @param type the metric store type, e.g. `datadog` (also names the config `checkout-<type>`)
 * @param description the config's description
 * @param queries the store-specific query fields of the latency and the cpu metric
 * @param templates the config's named templates (`customFilterTemplate` targets)
 */
export function kayentaLatencyCpuConfig(
  type: string,
  description: string,
  queries: { latency: Record<string, unknown>; cpu: Record<string, unknown> },
  templates: Record<string, string> = {},
) {
  const query = (fields: Record<string, unknown>) => ({ type, serviceType: type, ...fields });
  return {
    name: `checkout-${type}`,
    description,
    configVersion: '1',
    applications: ['checkout'],
    judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
    metrics: [
      kayentaLatencyMetric('Latency', query(queries.latency)),
      kayentaMetric('cpu', ['System'], { canary: { direction: 'increase' } }, query(queries.cpu)),
    ],
    templates,
    classifier: { groupWeights: { Latency: 50, System: 50 } },
  };
}

/** A Kayenta-config store judged through its stand-in: the rig and the judgments of its canary config. */
export interface KayentaStoreRig {
  /** The store's type (the stand-in's), which also names the source. */
  type: string;
  /** The running rig (store + judge service). */
  env: () => StandInRig;
  /** A judgment of `config` (default: the store's canary config) with this canary scope. */
  request(experimentScope: string, config?: unknown): JudgmentRequest;
  /**
   * Judges this canary scope through the Orca-shaped stage and checks it passes ({@link expectPassingStage}).
   * @returns the stage's final body, for the store's own checks
   */
  expectPassing(experimentScope: string): Promise<Record<string, unknown>>;
  /**
   * The URLs of the requests the store received that carry any of `secrets` (credentials belong in headers, never
   * in a URL, where proxies and access logs keep them): none, when all is well.
   */
  urlsCarrying(...secrets: string[]): string[];
}

/**
 * Starts a stand-in store whose requests name the metric (`cpu` in the URL, else latency; the data of
 * {@link standInData}) and a judge service over it, and builds retrospective judgments of `config`.
 * @param standIn the stand-in (its type names the source)
 * @param config the Kayenta canary config, e.g. from {@link kayentaLatencyCpuConfig}
 * @param controlScope the baseline scope every judgment compares against
 */
export function useKayentaStoreRig(standIn: StandIn, config: unknown, controlScope: string): KayentaStoreRig {
  const env = useStandInRig(standIn, (url) => (url.includes('cpu') ? 'cpu' : 'latency'));
  const request = (experimentScope: string, canaryConfig: unknown = config) =>
    retrospectiveRequest(standIn.type, canaryConfig, { controlScope, experimentScope });
  return {
    type: standIn.type,
    env,
    request,
    expectPassing: (experimentScope) => expectPassingStage(env().judge.baseUrl, request(experimentScope)),
    urlsCarrying: (...secrets) =>
      env()
        .store.requests.map((r) => r.url)
        .filter((url) => secrets.some((secret) => url.includes(secret))),
  };
}

/** The cases of {@link itJudgesLikeKayenta}. */
export interface KayentaCases {
  /** The canary scope of the slow canary. */
  slowScope: string;
  /** A query config of another store (its `type` is named in the refusal). */
  otherStoreQuery: Record<string, unknown> & { type: string };
  /** The store's own bad query configs and the message each must give. */
  rows: BadQueryConfig[];
  /** An inline template of the store's query language using the placeholder `${team}`. */
  teamTemplate: string;
}

/**
 * The checks every Kayenta-config store runs after its healthy case: the slow canary fails on latency
 * ({@link itFailsOnLatencyRegression}) and each bad query config, put in the first metric of `config`, is refused
 * with 400 ({@link itRefusesBadQueries}): another store's query config, the store's own `rows`, then the two
 * template cases every store shares ({@link missingNamedTemplateQuery}, {@link teamPlaceholderQuery}).
 * @param rig the store's rig
 * @param config the store's canary config
 * @param cases the slow scope and the bad query configs
 */
export function itJudgesLikeKayenta<C extends { metrics: object[] }>(
  rig: KayentaStoreRig,
  config: C,
  cases: KayentaCases,
): void {
  itFailsOnLatencyRegression(
    () => rig.env().judge.baseUrl,
    () => rig.request(cases.slowScope),
  );
  const rows: BadQueryConfig[] = [
    [
      'a query config of another store',
      cases.otherStoreQuery,
      new RegExp(`query\\.type is "${cases.otherStoreQuery.type}"`),
    ],
    ...cases.rows,
    missingNamedTemplateQuery(rig.type),
    teamPlaceholderQuery(rig.type, cases.teamTemplate),
  ];
  itRefusesBadQueries(rig.env, rows, (query) => rig.request('x', withFirstQuery(config, query)));
}

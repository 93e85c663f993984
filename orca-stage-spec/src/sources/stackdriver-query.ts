/**
 * The Cloud Monitoring (Stackdriver) `timeSeries.list` request of one fetch, from Kayenta's Stackdriver query config
 * (`type: "stackdriver"`: `metricType`, `resourceType`, `crossSeriesReducer`, `perSeriesAligner`, `groupByFields`,
 * `customInlineTemplate`, `customFilterTemplate`), restating Kayenta's `StackdriverMetricsService.buildQuery`:
 *
 * - The filter starts `metric.type="<metricType>" AND resource.type=<resourceType>`; the resource type is
 *   `query.resourceType`, else the scope's `extendedScopeParams.resourceType` (Kayenta's `StackdriverCanaryScope`).
 * - With a custom filter (inline or a named template; bindings `project`, `resourceType`, `scope`, `location` and
 *   every `extendedScopeParams` key) the expansion is ANDed on. Without one, the resource type decides:
 *   `gce_instance` (project, `spinnaker-region` = location, `spinnaker-server-group` = scope),
 *   `aws_ec2_instance` (region `aws:<location>`, `aws:autoscaling:groupname` = scope), `gae_app` (project,
 *   `version_id` = scope, `module_id` = `extendedScopeParams.service`), `k8s_container`/`k8s_pod`/`k8s_node` and
 *   `gke_container` (project, resource labels and `user_labels.*` from `extendedScopeParams`), `global` (nothing
 *   more); any other type needs a custom filter.
 * - The project in filters is `extendedScopeParams.project`, else the source's `project`; the request always lists
 *   `projects/<source project>` (as Kayenta lists the account's project).
 * - Aggregation: `alignmentPeriod` = the step, `perSeriesAligner` (default `ALIGN_MEAN`) and `crossSeriesReducer`
 *   (default `REDUCE_MEAN`) from the query, else from `extendedScopeParams`, and `groupByFields` when given.
 *
 * Reference: spinnaker/kayenta `kayenta-stackdriver` (`StackdriverMetricsService.java`,
 * `StackdriverCanaryMetricSetQueryConfig.java`, `StackdriverCanaryScopeFactory.java`); Google's
 * https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list
 */
import { checkCustomTemplate, customTemplateOf, expandCustomTemplate } from './kayenta-custom-filter';
import { badQuery, queryCheck, queryText, type Metric } from './query-config';

/** `query.type` of Kayenta's Stackdriver query config. */
export const STACKDRIVER_TYPE = 'stackdriver';

/** Per-series aligners of Cloud Monitoring's `Aggregation.Aligner` (numeric answers). */
export const STACKDRIVER_ALIGNERS = [
  'ALIGN_NONE',
  'ALIGN_DELTA',
  'ALIGN_RATE',
  'ALIGN_INTERPOLATE',
  'ALIGN_NEXT_OLDER',
  'ALIGN_MIN',
  'ALIGN_MAX',
  'ALIGN_MEAN',
  'ALIGN_COUNT',
  'ALIGN_SUM',
  'ALIGN_STDDEV',
  'ALIGN_COUNT_TRUE',
  'ALIGN_COUNT_FALSE',
  'ALIGN_FRACTION_TRUE',
  'ALIGN_PERCENTILE_99',
  'ALIGN_PERCENTILE_95',
  'ALIGN_PERCENTILE_50',
  'ALIGN_PERCENTILE_05',
  'ALIGN_PERCENT_CHANGE',
];

/** Cross-series reducers of Cloud Monitoring's `Aggregation.Reducer`. */
export const STACKDRIVER_REDUCERS = [
  'REDUCE_NONE',
  'REDUCE_MEAN',
  'REDUCE_MIN',
  'REDUCE_MAX',
  'REDUCE_SUM',
  'REDUCE_STDDEV',
  'REDUCE_COUNT',
  'REDUCE_COUNT_TRUE',
  'REDUCE_COUNT_FALSE',
  'REDUCE_FRACTION_TRUE',
  'REDUCE_PERCENTILE_99',
  'REDUCE_PERCENTILE_95',
  'REDUCE_PERCENTILE_50',
  'REDUCE_PERCENTILE_05',
];

/** Resource types Kayenta builds a filter for without a custom filter. */
export const STACKDRIVER_RESOURCE_TYPES = [
  'gce_instance',
  'aws_ec2_instance',
  'gae_app',
  'k8s_container',
  'k8s_pod',
  'k8s_node',
  'gke_container',
  'global',
];

/** Where and when one fetch looks. */
export interface StackdriverScope {
  scope: string;
  location: string | undefined;
  /** The source's configured project (`projects/<project>` is listed; the default project of filters). */
  project: string;
  /** `extendedScopeParams` (`project`, `resourceType`, `perSeriesAligner`, `crossSeriesReducer`, labels…). */
  params: Record<string, string>;
  side: string;
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

/** The parts of one `timeSeries.list` request. */
export interface StackdriverList {
  /** `projects/<project>` */
  name: string;
  filter: string;
  perSeriesAligner: string;
  crossSeriesReducer: string;
  groupByFields: string[];
  /** Query parameters in order (`aggregation.groupByFields` repeated). */
  params: Array<[string, string]>;
}

/** Kayenta's `Instant.toString()`: ISO 8601 UTC, without `.000` milliseconds. */
export function instantString(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * Checks a metric's Stackdriver query config without a scope, for a 400 when a judgment is created.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param known placeholder names the judgment supplies (absent = placeholders and scope-supplied resource types are
 *   not checked)
 * @throws MetricSourceError `BAD_QUERY` naming the query field and the rule
 */
export const checkStackdriverQuery = queryCheck(STACKDRIVER_TYPE, (metric, q, templates, known) => {
  if (!queryText(q, 'metricType'))
    throw badQuery(metric, 'query.metricType is required (a Cloud Monitoring metric type)');
  for (const [key, allowed] of [
    ['perSeriesAligner', STACKDRIVER_ALIGNERS],
    ['crossSeriesReducer', STACKDRIVER_REDUCERS],
  ] as const) {
    const v = q[key];
    if (v !== undefined && (typeof v !== 'string' || !allowed.includes(v))) {
      throw badQuery(metric, `query.${key} ${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
    }
  }
  const groupBy = q['groupByFields'];
  if (groupBy !== undefined && (!Array.isArray(groupBy) || groupBy.some((g) => typeof g !== 'string' || g === ''))) {
    throw badQuery(metric, 'query.groupByFields must be a list of label names, e.g. ["resource.labels.zone"]');
  }
  const custom = customTemplateOf(metric, templates);
  const resourceType = queryText(q, 'resourceType');
  if (known && !resourceType && !known.has('resourceType')) {
    throw badQuery(metric, 'query.resourceType is required (or scopes.extendedScopeParams.resourceType)');
  }
  if (!custom && resourceType && !STACKDRIVER_RESOURCE_TYPES.includes(resourceType)) {
    throw badQuery(
      metric,
      `query.resourceType "${resourceType}" needs a custom filter (customInlineTemplate / customFilterTemplate); without one Kayenta supports ${STACKDRIVER_RESOURCE_TYPES.join(', ')}`,
    );
  }
  if (custom && known) checkCustomTemplate(metric, custom, new Set([...known, 'project', 'resourceType']));
});

/**
 * Builds the `timeSeries.list` request of one fetch (see the module comment).
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param where scope, location, project, extended scope params and window
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config, a missing scope/location the resource type
 *   needs, or a placeholder without a value
 */
export function buildStackdriverList(
  metric: Metric,
  templates: Record<string, string>,
  where: StackdriverScope,
): StackdriverList {
  checkStackdriverQuery(metric, templates);
  const q = metric.query ?? {};
  const params = where.params;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(params, k) && params[k] !== undefined;
  const resourceType = queryText(q, 'resourceType') ?? (params['resourceType'] || undefined);
  if (!resourceType)
    throw badQuery(metric, 'query.resourceType is required (or scopes.extendedScopeParams.resourceType)');
  const projectId = params['project'] || where.project;
  const location = where.location ?? '';
  const scope = where.scope;
  const custom = customTemplateOf(metric, templates);
  let filter = `metric.type="${queryText(q, 'metricType') as string}" AND resource.type=${resourceType}`;
  if (custom) {
    const expanded = expandCustomTemplate(metric, custom, {
      side: where.side,
      metricName: metric.name,
      project: projectId,
      resourceType,
      scope,
      location,
      ...params,
    });
    filter += ` AND ${expanded}`;
  } else {
    const need = (what: 'scope' | 'location', value: string) => {
      if (value === '') {
        throw badQuery(
          metric,
          what === 'location'
            ? `a location (region) is required when resourceType is "${resourceType}"`
            : `a scope is required when resourceType is "${resourceType}"`,
        );
      }
    };
    const labelClauses = (keys: string[]) => {
      let out = '';
      for (const k of keys) if (has(k)) out += ` AND resource.labels.${k}=${params[k] as string}`;
      for (const k of Object.keys(params)) {
        if (k.startsWith('user_labels.')) {
          out += ` AND metadata.user_labels."${k.slice('user_labels.'.length)}"="${params[k] as string}"`;
        }
      }
      return out;
    };
    switch (resourceType) {
      case 'gce_instance':
        need('location', location);
        need('scope', scope);
        filter += ` AND project=${projectId} AND metadata.user_labels."spinnaker-region"=${location} AND metadata.user_labels."spinnaker-server-group"=${scope}`;
        break;
      case 'aws_ec2_instance':
        need('location', location);
        need('scope', scope);
        filter += ` AND resource.labels.region="aws:${location}" AND metadata.user_labels."aws:autoscaling:groupname"=${scope}`;
        break;
      case 'gae_app':
        need('scope', scope);
        filter += ` AND project=${projectId} AND resource.labels.version_id=${scope}`;
        if (has('service')) filter += ` AND resource.labels.module_id=${params['service'] as string}`;
        break;
      case 'k8s_container':
      case 'k8s_pod':
      case 'k8s_node':
        filter += ` AND project=${projectId}`;
        filter += labelClauses([
          'location',
          'node_name',
          'cluster_name',
          'pod_name',
          'container_name',
          'namespace_name',
        ]);
        break;
      case 'gke_container':
        filter += ` AND project=${projectId}`;
        filter += labelClauses(['cluster_name', 'namespace_id', 'instance_id', 'pod_id', 'container_name', 'zone']);
        break;
      case 'global':
        break;
      default:
        throw badQuery(
          metric,
          `resource type "${resourceType}" needs a custom filter (customInlineTemplate / customFilterTemplate); without one Kayenta supports ${STACKDRIVER_RESOURCE_TYPES.join(', ')}`,
        );
    }
  }
  const perSeriesAligner = queryText(q, 'perSeriesAligner') ?? (params['perSeriesAligner'] || 'ALIGN_MEAN');
  const crossSeriesReducer = queryText(q, 'crossSeriesReducer') ?? (params['crossSeriesReducer'] || 'REDUCE_MEAN');
  const groupByFields = Array.isArray(q['groupByFields']) ? (q['groupByFields'] as string[]) : [];
  const list: Array<[string, string]> = [
    ['filter', filter],
    ['interval.startTime', instantString(where.startMs)],
    ['interval.endTime', instantString(where.endMs)],
    ['aggregation.alignmentPeriod', `${where.stepSeconds}s`],
    ['aggregation.perSeriesAligner', perSeriesAligner],
    ['aggregation.crossSeriesReducer', crossSeriesReducer],
    ...groupByFields.map((g): [string, string] => ['aggregation.groupByFields', g]),
  ];
  return {
    name: `projects/${where.project}`,
    filter,
    perSeriesAligner,
    crossSeriesReducer,
    groupByFields,
    params: list,
  };
}

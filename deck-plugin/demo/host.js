// Demo host: loads the built plugin the way Deck does (shared libraries on window.spinnaker.plugins.sharedLibraries,
// then a native dynamic import() of index.js and its named export `plugin`), shows the stage config panel, runs a
// judgment against this service like Orca's webhook stage would (SpEL resolved, PUT, then GET until the status
// leaves RUNNING), and shows the plugin's execution label and results tab for the resulting stage context.
/* global window, document, location */
import { createCoreStandIn } from './coreStandIn.js';

const React = window.React;
const ReactDOM = window.ReactDOM;
const h = React.createElement;

const settings = {
  canaryJudge: {
    judgeBaseUrl: location.origin + location.pathname.replace(/\/demo\/.*$/, ''),
    metricSources: ['demo'],
  },
};
window.spinnakerSettings = settings;
window.spinnaker = {
  plugins: {
    sharedLibraries: {
      react: React,
      react_dom: ReactDOM,
      prop_types: window.PropTypes,
      _spinnaker_core: createCoreStandIn(settings),
    },
  },
};

/** Minutes → ISO instant at a whole minute, relative to now. */
function minutesAgo(m) {
  const t = Math.floor(Date.now() / 60000) * 60000 - m * 60000;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** Page options: `?start=…&end=…` (ISO instants) fix the retrospective window, e.g. for reproducible tests. */
const query = new URLSearchParams(location.search);

/** The pipeline stage as a pipeline author would start it: the demo canary config, judged over the last hour. */
function initialStage() {
  return {
    refId: '4',
    requisiteStageRefIds: ['3'],
    type: 'canaryJudge',
    name: 'Canary Judge',
    payload: {
      apiVersion: 'canary-judge/v1',
      metricSource: 'demo',
      canaryConfig: {
        name: 'demo-checkout',
        metrics: [
          {
            name: 'request-latency',
            query: { series: 'latency' },
            groups: ['latency'],
            analysisConfigurations: { canary: { direction: 'increase', critical: true } },
          },
          {
            name: 'http-errors',
            query: { series: 'errors' },
            groups: ['errors'],
            analysisConfigurations: { canary: { direction: 'increase', nanStrategy: 'replace' } },
          },
          {
            name: 'cpu-usage',
            query: { series: 'cpu' },
            groups: ['latency'],
            analysisConfigurations: { canary: { direction: 'either' } },
          },
        ],
        classifier: { groupWeights: { latency: 60, errors: 40 } },
      },
      scopes: {
        controlScope: 'checkout-baseline',
        experimentScope: 'checkout-canary-healthy',
        controlLocation: 'us-east-1',
        experimentLocation: 'us-east-1',
      },
      timing: {
        startTimeIso: query.get('start') || minutesAgo(70),
        endTimeIso: query.get('end') || minutesAgo(10),
        stepSeconds: 60,
      },
      thresholds: { pass: 75, marginal: 50 },
    },
  };
}

/** Resolves the SpEL expressions the plugin writes, as Orca would before each task. */
function resolveSpel(value, ctx) {
  if (typeof value === 'string') {
    return value
      .replace(/\$\{execution\.id\}/g, ctx.executionId)
      .replace(/\$\{execution\.application\}/g, 'checkout')
      .replace(/\$\{execution\.name\}/g, 'demo-pipeline')
      .replace(/\$\{#currentStage\(\)\.id\}/g, ctx.stageId)
      .replace(/\$\{#currentStage\(\)\.startTime\}/g, String(ctx.startTime))
      .replace(/\$\{#currentUser\(\)\}/g, 'demo-user');
  }
  if (Array.isArray(value)) return value.map((v) => resolveSpel(v, ctx));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveSpel(v, ctx);
    return out;
  }
  return value;
}

async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  return { status: res.status, body: json };
}

function App(props) {
  const stageType = props.stageType;
  const [stage, setStage] = React.useState(initialStage);
  const [execStage, setExecStage] = React.useState(null);
  const [tab, setTab] = React.useState('canaryJudgeResults');
  const [running, setRunning] = React.useState(false);
  // Like Deck: every validator's message is one problem (the plugin registers one validator per message slot).
  const problems = (stageType.validators || [])
    .map((v) => v.validate({ stages: [stage] }, stage))
    .filter((m) => m !== null && m !== undefined);
  const problem = problems.length > 0 ? problems.join('\n') : null;

  const updateStage = (changes) => setStage((s) => Object.assign({}, s, changes));

  async function run() {
    setRunning(true);
    const ctx = { executionId: 'demo' + Date.now().toString(36), stageId: 'stage1', startTime: Date.now() };
    const resolved = resolveSpel(stage, ctx);
    const base = { id: ctx.stageId, name: stage.name, type: stage.type, startTime: ctx.startTime };
    const context = Object.assign({}, resolved, { webhook: {} });
    setExecStage(Object.assign({}, base, { status: 'RUNNING', context }));
    const created = await call(resolved.method, resolved.url, resolved.payload);
    if (created.status >= 400) {
      context.webhook = {
        statusCodeValue: created.status,
        body: created.body,
        error: 'Error submitting webhook for execution ' + ctx.executionId + ': HTTP ' + created.status,
      };
      setExecStage(Object.assign({}, base, { status: 'TERMINAL', context: Object.assign({}, context) }));
      setRunning(false);
      return;
    }
    context.webhook = { statusCodeValue: created.status, body: created.body, statusEndpoint: resolved.url };
    let latest = created.body;
    for (let i = 0; i < 600 && latest && latest.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const polled = await call('GET', resolved.url);
      latest = polled.body;
      context.webhook = Object.assign({}, context.webhook, {
        monitor: { statusCodeValue: polled.status, body: latest, progressMessage: latest && latest.message },
      });
      setExecStage(Object.assign({}, base, { status: 'RUNNING', context: Object.assign({}, context) }));
    }
    const status =
      latest && latest.status === 'SUCCEEDED'
        ? 'SUCCEEDED'
        : latest && latest.status === 'CANCELED'
          ? 'CANCELED'
          : 'TERMINAL';
    setExecStage(Object.assign({}, base, { status, endTime: Date.now(), context: Object.assign({}, context) }));
    setRunning(false);
  }

  const sections = stageType.executionDetailsSections;
  const detailsProps = {
    application: { name: 'checkout' },
    execution: { id: 'demo', name: 'demo-pipeline' },
    stage: execStage,
  };
  return h(
    React.Fragment,
    null,
    h(
      'section',
      { className: 'demo-card', 'aria-label': 'Pipeline editor' },
      h('h2', null, 'Pipeline editor — stage "', stage.name, '" (', stageType.label, ')'),
      h(stageType.component, {
        application: { name: 'checkout' },
        pipeline: { stages: [stage] },
        stage,
        updateStage,
        updateStageField: updateStage,
        stageFieldUpdated: () => undefined,
      }),
      h(
        'div',
        { className: 'demo-actions' },
        h(
          'button',
          { type: 'button', id: 'demo-run', disabled: Boolean(problem) || running, onClick: () => void run() },
          running ? 'Judging…' : 'Save and run judgment',
        ),
        h(
          'span',
          { className: 'demo-note' },
          problem
            ? 'Saving is blocked until the problems above are fixed.'
            : 'Try a canary scope ending in -healthy, -latency-regression, -error-burst or -missing-data.',
        ),
      ),
      h(
        'details',
        null,
        h('summary', null, 'Stage JSON'),
        h('pre', { id: 'demo-stage-json' }, JSON.stringify(stage, null, 2)),
      ),
    ),
    execStage
      ? h(
          'section',
          { className: 'demo-card', 'aria-label': 'Execution details' },
          h(
            'h2',
            null,
            'Execution: ',
            stageType.executionLabelComponent
              ? h(stageType.executionLabelComponent, { stage: { name: stage.name, masterStage: execStage } })
              : stage.name,
          ),
          h(
            'div',
            { className: 'demo-tabs', role: 'tablist' },
            sections.map((s) =>
              h(
                'button',
                {
                  key: s.title,
                  type: 'button',
                  role: 'tab',
                  'aria-selected': tab === s.title,
                  onClick: () => setTab(s.title),
                },
                s.title,
              ),
            ),
          ),
          sections.map((S) => h(S, Object.assign({ key: S.title, name: S.title, current: tab }, detailsProps))),
        )
      : null,
  );
}

async function start() {
  const root = document.getElementById('root');
  try {
    const mod = await import('./plugin/index.js');
    if (!mod.plugin) throw new Error("the module doesn't export an object called 'plugin'");
    const stageType = (mod.plugin.stages || []).find((s) => s.key === 'canaryJudge');
    if (!stageType) throw new Error('the plugin registers no canaryJudge stage');
    ReactDOM.render(h(App, { stageType }), root);
  } catch (e) {
    root.textContent = 'Could not load the plugin: ' + (e && e.message ? e.message : String(e));
  }
}

void start();

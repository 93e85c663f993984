// A small stand-in for the @spinnaker/core pieces the plugin uses, published where Deck publishes it
// (window.spinnaker.plugins.sharedLibraries._spinnaker_core). Plain browser JS, no build step.
/* global window */

/**
 * Builds the stand-in module.
 * @param {object} settings Deck-like settings (window.spinnakerSettings); the plugin reads settings.canaryJudge
 */
export function createCoreStandIn(settings) {
  const React = window.React;
  const h = React.createElement;
  /** Renders children only on the current tab, like Deck's ExecutionDetailsSection. */
  function ExecutionDetailsSection(props) {
    return props.name === props.current ? h('div', { className: 'demo-section' }, props.children) : null;
  }
  /** Stand-in for Deck's task list. */
  function ExecutionDetailsTasks(props) {
    const stage = props.stage || {};
    return h(
      ExecutionDetailsSection,
      { name: props.name, current: props.current },
      h('p', null, 'Tasks: createWebhook → monitorWebhook (', String(stage.status || 'NOT_STARTED'), ')'),
    );
  }
  ExecutionDetailsTasks.title = 'taskStatus';
  return { ExecutionDetailsSection, ExecutionDetailsTasks, SETTINGS: settings };
}

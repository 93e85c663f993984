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
  /** Stand-in for Deck's HelpField: a "?" that shows its text in a popover on hover or focus. */
  function HelpField(props) {
    const [open, setOpen] = React.useState(false);
    return h(
      'span',
      { className: 'help-field demo-help', onMouseEnter: () => setOpen(true), onMouseLeave: () => setOpen(false) },
      h(
        'a',
        {
          role: 'button',
          tabIndex: 0,
          'aria-label': 'Help',
          onFocus: () => setOpen(true),
          onBlur: () => setOpen(false),
        },
        '?',
      ),
      open ? h('span', { role: 'tooltip', className: 'popover demo-popover' }, props.content || props.id) : null,
    );
  }
  return { ExecutionDetailsSection, ExecutionDetailsTasks, HelpField, SETTINGS: settings };
}

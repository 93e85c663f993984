/**
 * Labelled form fields for the config panel: each input has a `<label>`, `aria-invalid` and its error messages
 * linked through `aria-describedby`, so screen readers announce the rule that failed.
 *
 * They use Deck's own form markup so the panel looks like Deck's built-in stages: inputs are Bootstrap 3
 * `form-control input-sm`, and inside a {@link FieldLayout} `horizontal` block a field renders the DOM of Deck's
 * `StageConfigField` (spinnaker/deck `packages/core/src/pipeline/config/stages/common/stageConfigField/
 * StageConfigField.tsx`): `form-group` > `col-md-3 sm-label-right` label column with Deck's `HelpField` popover >
 * `col-md-7` field column. Elsewhere (metric rows) the label sits above the input.
 */
import * as React from 'react';
import { HelpField } from '@spinnaker/core';

interface BaseProps {
  id: string;
  label: string;
  errors?: string[] | undefined;
  hint?: string;
  /** Text of Deck's help popover ("?" beside the label). */
  help?: string;
  testId?: string;
}

/** How fields lay out: `stacked` (label above, for compact rows) or `horizontal` (Deck's StageConfigField). */
export const FieldLayout = React.createContext<'stacked' | 'horizontal'>('stacked');

/** The label (with help popover) and the control, in the current {@link FieldLayout}. */
function Frame(props: { id: string; label: string; help?: string | undefined; children: React.ReactNode }) {
  const layout = React.useContext(FieldLayout);
  const label = (
    <>
      <label htmlFor={props.id} className="cj-label">
        {props.label}
      </label>
      {props.help ? (
        <>
          {' '}
          <HelpField content={props.help} />
        </>
      ) : null}
    </>
  );
  if (layout === 'horizontal') {
    return (
      <div className="form-group cj-stage-field">
        <div className="col-md-3 sm-label-right">{label}</div>
        <div className="col-md-7">{props.children}</div>
      </div>
    );
  }
  return (
    <div className="cj-field">
      <div>{label}</div>
      {props.children}
    </div>
  );
}

function Messages(props: { id: string; errors?: string[] | undefined; hint?: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <span className="cj-hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.errors && props.errors.length > 0 ? (
        <span className="cj-error" id={`${props.id}-error`}>
          {props.errors.join('; ')}
        </span>
      ) : null}
    </>
  );
}

function describedBy(p: BaseProps): string | undefined {
  const ids = [p.hint ? `${p.id}-hint` : '', p.errors && p.errors.length > 0 ? `${p.id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A text (or numeric text) input. Numbers stay text so half-typed values survive. */
export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (v: string) => void;
    numeric?: boolean;
    placeholder?: string;
    /** Id of a `<datalist>` of suggestions (free text stays allowed). */
    list?: string;
    /**
     * A multi-line code editor (monospace textarea that the user can resize) showing at least this many lines and
     * growing with the text up to {@link MAX_CODE_ROWS}; for queries.
     */
    multiline?: number;
  },
) {
  const common = {
    id: props.id,
    value: props.value,
    placeholder: props.placeholder,
    'data-testid': props.testId,
    'aria-invalid': props.errors && props.errors.length > 0 ? true : undefined,
    'aria-describedby': describedBy(props),
  };
  return (
    <Frame id={props.id} label={props.label} help={props.help}>
      {props.multiline ? (
        <textarea
          {...common}
          className="form-control input-sm cj-code-input"
          rows={codeRows(props.value, props.multiline)}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
      ) : (
        <input
          {...common}
          className="form-control input-sm"
          type="text"
          inputMode={props.numeric ? 'decimal' : undefined}
          list={props.list}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      <Messages id={props.id} errors={props.errors} hint={props.hint} />
    </Frame>
  );
}

/** Most lines a code editor grows to by itself (beyond it scrolls; the user can still drag it taller). */
export const MAX_CODE_ROWS = 12;

/**
 * Rows of a code textarea: the text's line count, at least `min`, at most {@link MAX_CODE_ROWS}.
 * @param text the current text
 * @param min the fewest rows shown
 * @returns the row count
 */
export function codeRows(text: string, min: number): number {
  return Math.min(MAX_CODE_ROWS, Math.max(min, text.split('\n').length));
}

/** A select over string options. */
export function SelectField<T extends string>(
  props: BaseProps & { value: T; options: ReadonlyArray<{ value: T; label: string }>; onChange: (v: T) => void },
) {
  return (
    <Frame id={props.id} label={props.label} help={props.help}>
      <select
        id={props.id}
        className="form-control input-sm"
        value={props.value}
        data-testid={props.testId}
        aria-describedby={describedBy(props)}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={props.id} errors={props.errors} hint={props.hint} />
    </Frame>
  );
}

/** A checkbox with its label to the right. */
export function CheckField(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  title?: string;
}) {
  return (
    <label className="cj-check" htmlFor={props.id} title={props.title}>
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}

/**
 * A table head: visible column titles, then columns titled for screen readers only (e.g. a column of Remove buttons).
 * @param props `columns` shown, `hidden` read out only
 */
export function TableHead(props: { columns: readonly string[]; hidden?: readonly string[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
        {(props.hidden ?? []).map((c) => (
          <th key={c} scope="col">
            <span className="cj-sr-only">{c}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
}

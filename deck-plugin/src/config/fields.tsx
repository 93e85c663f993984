/**
 * Labelled form fields for the config panel: each input has a `<label>`, `aria-invalid` and its error messages
 * linked through `aria-describedby`, so screen readers announce the rule that failed.
 */
import * as React from 'react';

interface BaseProps {
  id: string;
  label: string;
  errors?: string[] | undefined;
  hint?: string;
  testId?: string;
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
  props: BaseProps & { value: string; onChange: (v: string) => void; numeric?: boolean; placeholder?: string },
) {
  return (
    <div className="cj-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        inputMode={props.numeric ? 'decimal' : undefined}
        value={props.value}
        placeholder={props.placeholder}
        data-testid={props.testId}
        aria-invalid={props.errors && props.errors.length > 0 ? true : undefined}
        aria-describedby={describedBy(props)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <Messages id={props.id} errors={props.errors} hint={props.hint} />
    </div>
  );
}

/** A select over string options. */
export function SelectField<T extends string>(
  props: BaseProps & { value: T; options: ReadonlyArray<{ value: T; label: string }>; onChange: (v: T) => void },
) {
  return (
    <div className="cj-field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
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
    </div>
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

/**
 * Small pieces of the what-if settings and guardrails tables (whatif/WhatIfPanel.tsx): the metric's row header with
 * its "not re-scored" alert, and a select with its field error. Render only; the what-if transform
 * (transforms/whatIf.ts) decides what is invalid.
 */
import * as React from 'react';

/** A table row's header: the metric name, plus an alert when an invalid value keeps it out of the re-scoring. */
export function MetricRowHeader(props: { name: string; blocked: boolean }) {
  return (
    <th scope="row">
      {props.name}
      {props.blocked ? (
        <span className="cj-error" role="alert" style={{ display: 'block' }}>
          Not re-scored: fix the values; the simulation keeps this metric&apos;s last valid settings.
        </span>
      ) : null}
    </th>
  );
}

/**
 * A labelled select whose field error (when `error` is non-empty) is shown below it with id `errorId` and linked by
 * `aria-describedby`, the select marked `aria-invalid` (WAI-ARIA 1.2, aria-invalid).
 */
export function SelectWithError(props: {
  label: string;
  errorId: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  const { error } = props;
  return (
    <>
      <select
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? props.errorId : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.children}
      </select>
      {error ? (
        <span className="cj-error" id={props.errorId} style={{ display: 'block' }}>
          {error}
        </span>
      ) : null}
    </>
  );
}

/** A labelled select over fixed `[value, text]` options, reporting the chosen value. */
export function OptionSelect(props: {
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (value: string) => void;
}) {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );
}

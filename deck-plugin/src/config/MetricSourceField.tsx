/**
 * The stage's metric-source field: free text with a list of the judge's configured sources
 * (`name — label (type)`, from `GET /v1/metric-sources`); when the browser cannot reach the judge, a quiet note says
 * the list is unavailable and the text is taken as typed.
 */
import * as React from 'react';
import { sourceOptionText } from '../transforms/metricSources';
import { TextField } from './fields';
import type { MetricSourcesState } from './useMetricSources';

/** Props: the field's id, value, listing state, errors, help and test id. */
export interface MetricSourceFieldProps {
  id: string;
  value: string;
  listing: MetricSourcesState;
  onChange: (v: string) => void;
  errors?: string[] | undefined;
  help?: string | undefined;
  testId?: string | undefined;
}

/** The field and its list. */
export function MetricSourceField(props: MetricSourceFieldProps) {
  const { listing } = props;
  const listId = `${props.id}-list`;
  const sources = listing.status === 'ok' ? listing.sources : [];
  const unknown =
    listing.status === 'ok' && props.value.trim() !== '' && !sources.some((s) => s.name === props.value.trim());
  return (
    <>
      <TextField
        id={props.id}
        label="Metric source"
        testId={props.testId}
        value={props.value}
        onChange={props.onChange}
        errors={props.errors}
        help={props.help}
        list={listing.status === 'ok' ? listId : undefined}
        hint={
          listing.status === 'unavailable'
            ? `Source list unavailable (${listing.reason}); type the source name as configured on the judge.`
            : unknown
              ? `Not one of the judge's sources: ${sources.map((s) => s.name).join(', ') || 'none configured'}.`
              : undefined
        }
      />
      {listing.status === 'ok' ? (
        <datalist id={listId} data-testid={`${props.id}-sources`}>
          {sources.map((s) => (
            <option key={s.name} value={s.name} label={sourceOptionText(s)}>
              {sourceOptionText(s)}
            </option>
          ))}
        </datalist>
      ) : null}
    </>
  );
}

/**
 * The query fields of the metric's source type, generated from the judge's listing (`queryFields` of
 * `GET /v1/metric-sources`): `string` → input, `text` → multi-line textarea, `string[]` → one value per line,
 * `object[]` → JSON textarea (checked as it is typed), `options` → suggestions. Writes into `metric.query` through
 * the pure `transforms/queryFields.ts`; keys the listing does not name stay as they are.
 */
import * as React from 'react';
import type { ListedSource } from '../transforms/metricSources';
import { editableFields, fieldText, parseFieldText, queryFieldIssues, setQueryField } from '../transforms/queryFields';

/** Props: ids, the listed source, the current query config and the callback with the next one. */
export interface SourceQueryFieldsProps {
  idPrefix: string;
  source: ListedSource;
  query: Readonly<Record<string, unknown>>;
  onChange: (query: Record<string, unknown>) => void;
}

/** The fieldset of one metric's per-source query fields. */
export function SourceQueryFields(props: SourceQueryFieldsProps) {
  const { source, query } = props;
  const fields = editableFields(source.type, source.queryFields);
  // Text being typed that does not parse yet (JSON) is kept here, so the user's text is not replaced.
  const [drafts, setDrafts] = React.useState<Record<string, string>>({});
  const issues = queryFieldIssues(fields, query, drafts);
  if (fields.length === 0) return null;
  const edit = (name: string, text: string): void => {
    const field = fields.find((f) => f.name === name);
    if (!field) return;
    const r = parseFieldText(field, text);
    setDrafts((d) => ({ ...d, [name]: text }));
    if (r.ok) props.onChange(setQueryField(query, source.type, name, r.value));
  };
  return (
    <div className="cj-row cj-source-query" role="group" aria-label={`${source.label} query`}>
      {fields.map((f) => {
        const id = `${props.idPrefix}-q-${f.name}`;
        const text = drafts[f.name] ?? fieldText(f, query[f.name]);
        const label = `${f.name}${f.required ? ' *' : ''}`;
        const common = {
          id,
          className: 'form-control input-sm',
          value: text,
          'aria-describedby': `${id}-hint`,
          title: f.description,
        };
        const control =
          f.kind === 'string' && f.options ? (
            <>
              <input {...common} type="text" list={`${id}-options`} onChange={(e) => edit(f.name, e.target.value)} />
              <datalist id={`${id}-options`}>
                {f.options.map((o) => (
                  <option key={o} value={o} />
                ))}
              </datalist>
            </>
          ) : f.kind === 'string' ? (
            <input {...common} type="text" onChange={(e) => edit(f.name, e.target.value)} />
          ) : (
            <textarea
              {...common}
              rows={f.kind === 'text' ? 3 : 4}
              spellCheck={false}
              onChange={(e) => edit(f.name, e.target.value)}
            />
          );
        return (
          <div className="form-group cj-field" key={f.name}>
            <label htmlFor={id}>{label}</label>
            {control}
            <span className="cj-hint" id={`${id}-hint`}>
              {f.description}
              {f.kind === 'string[]' ? ' (one per line)' : f.kind === 'object[]' ? ' (JSON array)' : ''}
            </span>
          </div>
        );
      })}
      {issues.length > 0 ? (
        <p className="cj-error" role="alert">
          {issues.join('; ')}
        </p>
      ) : null}
    </div>
  );
}

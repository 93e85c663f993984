/**
 * The scope table: more baseline/canary scope pairs by name (e.g. one per region) beside the default pair, as
 * Kayenta's canary configs allow several scopes (each metric's `scopeName` picks one). Each metric then chooses its
 * scope in the metric editor. Renaming a scope renames it in every metric that uses it; removing it sends those
 * metrics back to `default`.
 */
import * as React from 'react';
import type { FormState, NamedScopeForm } from '../transforms/stageJson';
import { testIds } from '../testIds';
import { TableHead } from './fields';

/** Props: the form, the change callback and the error lookup by JSON path. */
export interface ScopeTableProps {
  idPrefix: string;
  form: FormState;
  onChange: (next: FormState) => void;
  errorsAt: (path: string) => string[] | undefined;
}

const COLUMNS: ReadonlyArray<{ key: keyof NamedScopeForm; label: string }> = [
  { key: 'name', label: 'Scope name' },
  { key: 'controlScope', label: 'Baseline scope' },
  { key: 'experimentScope', label: 'Canary scope' },
  { key: 'controlLocation', label: 'Baseline location' },
  { key: 'experimentLocation', label: 'Canary location' },
];

/** The table (nothing but an "Add scope" button while there are no named scopes). */
export function ScopeTable(props: ScopeTableProps) {
  const { form } = props;
  const rows = form.namedScopes;
  const setRow = (i: number, key: keyof NamedScopeForm, value: string) => {
    const old = rows[i] as NamedScopeForm;
    const namedScopes = rows.map((r, j) => (j === i ? { ...r, [key]: value } : r));
    const metrics =
      key === 'name' && old.name !== ''
        ? form.metrics.map((m) => (m.scopeName === old.name ? { ...m, scopeName: value } : m))
        : form.metrics;
    props.onChange({ ...form, namedScopes, metrics });
  };
  const remove = (i: number) => {
    const gone = (rows[i] as NamedScopeForm).name;
    props.onChange({
      ...form,
      namedScopes: rows.filter((_, j) => j !== i),
      metrics: form.metrics.map((m) => (m.scopeName === gone ? { ...m, scopeName: 'default' } : m)),
    });
  };
  const add = () =>
    props.onChange({
      ...form,
      namedScopes: [
        ...rows,
        { name: '', controlScope: '', experimentScope: '', controlLocation: '', experimentLocation: '' },
      ],
    });
  const duplicates = new Set(rows.map((r) => r.name.trim()).filter((n, i, all) => n !== '' && all.indexOf(n) !== i));
  return (
    <div data-testid={testIds.config.scopeTable}>
      {rows.length > 0 ? (
        <table className="table table-condensed cj-table">
          <caption className="cj-hint" style={{ captionSide: 'top', textAlign: 'left' }}>
            More scope pairs; the pair above is the scope named “default”. Each metric picks its scope.
          </caption>
          <TableHead columns={COLUMNS.map((c) => c.label)} hidden={['Remove']} />
          <tbody>
            {rows.map((r, i) => {
              const name = r.name.trim();
              const rowErrors = [
                ...(name === '' ? ['needs a name'] : []),
                ...(duplicates.has(name) ? [`"${name}" is used twice`] : []),
                ...(name !== '' ? (props.errorsAt(`payload.namedScopes.${name}`) ?? []) : []),
              ];
              return (
                <tr key={i}>
                  {COLUMNS.map((c) => {
                    const errors =
                      c.key === 'name'
                        ? rowErrors
                        : name !== ''
                          ? (props.errorsAt(`payload.namedScopes.${name}.${c.key}`) ?? [])
                          : [];
                    const id = `${props.idPrefix}-scope${i}-${c.key}`;
                    return (
                      <td key={c.key}>
                        <label htmlFor={id} className="cj-sr-only">
                          {`${c.label} ${i + 1}`}
                        </label>
                        <input
                          id={id}
                          type="text"
                          className="form-control input-sm"
                          value={r[c.key]}
                          aria-invalid={errors.length > 0 ? true : undefined}
                          aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
                          onChange={(e) => setRow(i, c.key, e.target.value)}
                        />
                        {errors.length > 0 ? (
                          <span className="cj-error" id={`${id}-error`}>
                            {errors.join('; ')}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                  <td>
                    <button
                      type="button"
                      className="btn btn-default btn-sm"
                      aria-label={`Remove scope ${i + 1}`}
                      onClick={() => remove(i)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="btn btn-block btn-sm add-new" onClick={add}>
        <span className="glyphicon glyphicon-plus-sign" aria-hidden="true" /> Add scope
      </button>
    </div>
  );
}

/** The scope names metrics can pick: `default` first, then the named ones that have a name. */
export function scopeChoices(form: Pick<FormState, 'namedScopes'>): string[] {
  const names = form.namedScopes.map((r) => r.name.trim()).filter((n) => n !== '');
  return ['default', ...names.filter((n, i) => names.indexOf(n) === i)];
}

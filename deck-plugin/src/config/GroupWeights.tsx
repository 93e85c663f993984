/**
 * The group weights beside the metric table: one row per group with its weight (percent), how many metrics use it
 * and the running sum down the list, then the total ("Sum: 90 of 100 — weights must sum to 100"). Weights follow
 * the metrics' groups (`syncGroupWeights`); Kayenta's `classifier.groupWeights`.
 */
import * as React from 'react';
import type { GroupWeightRow } from '../transforms/metricSummary';
import { testIds } from '../testIds';
import { TableHead } from './fields';

/** Props: the rows, the total, the error lookup, the change callback and the panel's id prefix. */
export interface GroupWeightsProps {
  idPrefix: string;
  rows: readonly GroupWeightRow[];
  /** Sum of the weights that parse. */
  sum: number;
  errorsAt: (path: string) => string[] | undefined;
  onChange: (group: string, weight: string) => void;
}

const WEIGHTS = 'payload.canaryConfig.classifier.groupWeights';

/** The weights table and total. */
export function GroupWeights(props: GroupWeightsProps) {
  const sumWrong = props.errorsAt(WEIGHTS) !== undefined;
  return (
    <div className="cj-weights" data-testid={testIds.config.weights}>
      <h4>Group weights</h4>
      <table className="table table-condensed cj-table cj-weight-table">
        <TableHead columns={['Group', 'Weight %', 'Metrics', 'Running sum']} />
        <tbody>
          {props.rows.map((r) => {
            const id = `${props.idPrefix}-w-${r.group}`;
            const errors = props.errorsAt(`${WEIGHTS}.${r.group}`);
            return (
              <tr key={r.group}>
                <th scope="row">{r.group}</th>
                <td>
                  <label htmlFor={id} className="cj-sr-only">
                    {`${r.group} %`}
                  </label>
                  <input
                    id={id}
                    type="text"
                    inputMode="decimal"
                    className="form-control input-sm cj-weight-input"
                    value={r.weight}
                    aria-invalid={errors ? true : undefined}
                    aria-describedby={errors ? `${id}-error` : undefined}
                    onChange={(e) => props.onChange(r.group, e.target.value)}
                  />
                  {errors ? (
                    <span className="cj-error" id={`${id}-error`}>
                      {errors.join('; ')}
                    </span>
                  ) : null}
                </td>
                <td>{r.metrics}</td>
                <td>{r.running}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={sumWrong ? 'cj-error' : 'cj-hint'} data-testid={testIds.config.weightSum}>
        Sum: {Number(props.sum.toPrecision(12))} of 100
        {sumWrong ? ' — weights must sum to 100' : ' ✔'}
      </p>
    </div>
  );
}

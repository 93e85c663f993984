/**
 * One block per metric group, width proportional to its weight, coloured and iconed by the score's band. Each block
 * is a toggle button that filters the metric table (keyboard: Tab + Enter/Space).
 */
import * as React from 'react';
import type { GroupBlock } from '../transforms/scores';
import { STATUS_STYLE } from '../transforms/status';
import { testIds } from '../testIds';

/** The bar. `selected` is the filtered group or null. */
export function GroupScoresBar(props: {
  blocks: GroupBlock[];
  selected: string | null;
  onSelect: (g: string | null) => void;
}) {
  return (
    <div
      className="cj-bar"
      style={{ height: 'auto', minHeight: 28 }}
      data-testid={testIds.results.groups}
      role="group"
      aria-label="Group scores"
    >
      {props.blocks.map((b) => {
        const s = b.band ? STATUS_STYLE[b.band] : STATUS_STYLE.CANCELED;
        const text = b.noData ? `${b.name}: no data` : `${b.name}: ${Number(b.score.toFixed(2))}`;
        return (
          <button
            key={b.name}
            type="button"
            className="cj-group-block"
            aria-pressed={props.selected === b.name}
            title={`${text} (weight ${Number(b.weight.toFixed(2))}%)`}
            style={{
              width: `${b.widthPct}%`,
              background: s.background,
              color: s.color,
              fontWeight: props.selected === b.name ? 700 : 400,
              boxShadow: props.selected === b.name ? 'inset 0 0 0 2px #0072B2' : undefined,
            }}
            onClick={() => props.onSelect(props.selected === b.name ? null : b.name)}
          >
            <span aria-hidden="true">{s.icon}</span> {text}
          </button>
        );
      })}
    </div>
  );
}

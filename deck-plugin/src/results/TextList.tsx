/**
 * A bulleted list of sentences (errors, warnings, score arithmetic), one `<li>` a line. Thin on purpose: the sentences
 * are built by the pure transforms beside the components.
 */
import * as React from 'react';

/**
 * Renders `lines` as a `<ul>`; an empty array gives an empty list (callers hide the block instead). Lines are keyed
 * by their text, so each should be distinct (the transforms merge repeats, e.g. `mergeWarnings`).
 */
export function TextList(props: { lines: readonly string[] }) {
  return (
    <ul>
      {props.lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/**
 * A run of plain column headers (`<th scope="col">`) for the report and what-if tables, from their texts in order.
 * Headers with markup of their own (e.g. a screen-reader-only label) are written out beside it.
 */
import * as React from 'react';

/** One `<th scope="col">` per name, in order; names must be distinct within a run (they are the React keys). */
export function ColumnHeaders(props: { names: readonly string[] }) {
  return (
    <>
      {props.names.map((name) => (
        <th key={name} scope="col">
          {name}
        </th>
      ))}
    </>
  );
}

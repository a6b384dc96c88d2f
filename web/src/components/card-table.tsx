import type { ReactNode } from 'react';

/** A table that becomes one card per row at phone width: a caption for screen readers, the column heads, then the rows. */
export function CardTable({ caption, columns, compact = false, children }: { caption: ReactNode; columns: string[]; compact?: boolean; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className={compact ? 'table table-compact table-cards' : 'table table-cards'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

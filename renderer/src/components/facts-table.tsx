// A small table of facts (credentials, permissions, Graph reads, claims, what ends when): one header row of column
// names, then one row per item. Audit, Watch and Inspect drew the same Fluent Table scaffolding by hand; this keeps
// the column headers, the row keys and the data-* attributes tests read in one shape. The look of the text inside
// the cells (monospace values, muted notes) comes from fact-styles.ts.
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  type TableProps,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface FactsColumn<T> {
  /** The column's name in the header row. */
  readonly header: ReactNode;
  /** What the cell of this column shows for one item. */
  readonly cell: (row: T) => ReactNode;
  /** A class for this column's cells (e.g. monospace for ids). */
  readonly className?: string;
}

export interface FactsTableProps<T> {
  /** The table's accessible name (aria-label), or the id of the heading that names it (aria-labelledby). */
  readonly label: { readonly text: string } | { readonly by: string };
  readonly columns: readonly FactsColumn<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  /** data-* attributes of one item's row, for tests and tools (e.g. data-credential). */
  readonly rowData?: (row: T) => Readonly<Record<`data-${string}`, string>>;
  readonly className?: string;
  /** data-* attributes of the table itself (e.g. data-testid). */
  readonly [data: `data-${string}`]: string | undefined;
}

export function FactsTable<T>({ label, columns, rows, rowKey, rowData, className, ...data }: FactsTableProps<T>) {
  const named: Pick<TableProps, 'aria-label' | 'aria-labelledby'> =
    'text' in label ? { 'aria-label': label.text } : { 'aria-labelledby': label.by };
  return (
    <Table size="small" className={className} {...named} {...data}>
      <TableHeader>
        <TableRow>
          {columns.map((c, i) => (
            <TableHeaderCell key={i} scope="col">
              {c.header}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)} {...rowData?.(row)}>
            {columns.map((c, i) => (
              <TableCell key={i} className={c.className}>
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

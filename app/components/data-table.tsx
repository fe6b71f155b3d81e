import { useLocation } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { EmptyState, ListLink, Pagination } from "./ui";

/**
 * One table for every list page: the columns are data, the sort lives in the URL (server-side),
 * and the same markup reads as stacked cards on a phone.
 *
 * ```tsx
 * const columns: Column<Row>[] = [
 *   { key: "name", header: t("fields.name"), sortKey: "name", cell: (r) => <Link to={`/members/${r.id}`}>{r.name}</Link>, rowHeader: true },
 *   { key: "employees", header: t("fields.employees"), sortKey: "employees", align: "end", cell: (r) => r.employees },
 * ];
 * <DataTable
 *   label={t("list.title")}
 *   columns={columns}
 *   rows={rows}
 *   sort={{ key: query.sort ?? "name", dir: query.dir ?? "asc" }}
 *   empty={{ title: t("list.empty"), body: t("list.emptyBody") }}
 *   pagination={{ page, pageSize, total }}
 * />
 * ```
 *
 * - A column with `sortKey` gets a link in its header that sets `?sort=<sortKey>&dir=` (the other
 *   query parameters kept, `page` dropped); the active header cell carries `aria-sort`
 *   (on the `<th>`: ARIA allows it there, not on a link).
 * - `align: "end"` right-aligns numbers (tabular figures).
 * - Under 640 px every row becomes a card: each cell shows its column header from `data-label`.
 *   The table sits in a labelled, focusable region, so a wide table that scrolls sideways on a
 *   desktop can be scrolled with the keyboard.
 * - With no rows the empty state replaces the table; the pager shows in both cases.
 */
export type Column<Row> = {
  /** Unique among the columns (React key). */
  key: string;
  /** Header text; also the label of the cell in the stacked (phone) layout. */
  header: string;
  cell: (row: Row, index: number) => ReactNode;
  /** The value of `?sort=` that orders by this column; omit for a column that does not sort. */
  sortKey?: string;
  /** `end` for numbers and money (right-aligned, tabular figures). */
  align?: "start" | "center" | "end";
  /** This column names the row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Extra class on the header and body cells (e.g. `small`, `mono`). */
  className?: string;
};

export type SortState = { key: string; dir: "asc" | "desc" };

export type DataTableProps<Row> = {
  /** The accessible name of the table and of its scroll region. */
  label: string;
  /** Show the label as the table's visible caption (a table under its own heading needs none). */
  showCaption?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  /** The React key of a row; by default its `id`. */
  rowKey?: (row: Row, index: number) => string | number;
  rowClassName?: (row: Row) => string | undefined;
  /** The current sort, as the loader understood the URL. */
  sort?: SortState;
  /** Query parameter names, when a page uses others than `sort` and `dir`. */
  sortParams?: { sort: string; dir: string };
  /** Shown instead of the table when there are no rows. */
  empty: { title: string; body?: ReactNode };
  pagination?: { page: number; pageSize: number; total: number };
  className?: string;
};

/** The href of a sort link: same page and filters, this sort, page 1; toggles when already active. */
export function sortHref(
  location: { pathname: string; search: string },
  sortKey: string,
  current: SortState | undefined,
  params: { sort: string; dir: string } = { sort: "sort", dir: "dir" },
): `/${string}` {
  const query = new URLSearchParams(location.search);
  const active = current?.key === sortKey;
  query.set(params.sort, sortKey);
  query.set(params.dir, active && current?.dir === "asc" ? "desc" : "asc");
  query.delete("page");
  return `${location.pathname}?${query}` as `/${string}`;
}

function idOf(row: unknown, index: number): string | number {
  const id = (row as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? id : index;
}

const alignClass = { start: "", center: "cell--center", end: "num" } as const;

function cellClass(column: { align?: "start" | "center" | "end"; className?: string }): string | undefined {
  const names = [alignClass[column.align ?? "start"], column.className].filter(Boolean).join(" ");
  return names || undefined;
}

/**
 * The frame of every list: its rows, or the empty state when there are none, then the pager
 * (in a `.list-results` block: tests/e2e/a11y-lists.spec.ts finds the list pages by it).
 * DataTable draws its rows as a table; a page whose rows read better as cards (the public job
 * search, the directory, the fairs) draws them itself inside this frame.
 */
export function ListResults<Row>({
  rows,
  empty,
  pagination,
  children,
}: {
  rows: readonly Row[];
  empty: { title: string; body?: ReactNode };
  pagination?: { page: number; pageSize: number; total: number };
  children: (rows: readonly Row[]) => ReactNode;
}) {
  return (
    <div className="list-results">
      {rows.length === 0 ? <EmptyState title={empty.title}>{typeof empty.body === "string" ? <p>{empty.body}</p> : empty.body}</EmptyState> : children(rows)}
      {pagination ? <Pagination page={pagination.page} pageSize={pagination.pageSize} total={pagination.total} /> : null}
    </div>
  );
}

export function DataTable<Row>({
  label,
  showCaption,
  columns,
  rows,
  rowKey,
  rowClassName,
  sort,
  sortParams,
  empty,
  pagination,
  className,
}: DataTableProps<Row>) {
  const location = useLocation();
  const captionId = useId();
  // The name is an attribute, not hidden text: a page's heading often says the same words.
  const name = showCaption ? { "aria-labelledby": captionId } : { "aria-label": label };
  return (
    <ListResults rows={rows} empty={empty} pagination={pagination}>
      {() => (
        <div className="table-wrap data-table" role="region" {...name} tabIndex={0}>
          <table className={className ? `table ${className}` : "table"} {...name}>
            {showCaption ? <caption id={captionId}>{label}</caption> : null}
            <thead>
              <tr>
                {columns.map((c) => {
                  const active = c.sortKey !== undefined && sort?.key === c.sortKey;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={cellClass(c)}
                      data-sortable={c.sortKey ? "" : undefined}
                      aria-sort={active ? (sort?.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {c.sortKey ? (
                        <ListLink className="sort-link" to={sortHref(location, c.sortKey, sort, sortParams)} data-active={active ? "" : undefined}>
                          {c.header}
                          <span aria-hidden="true" className="sort-link__mark">
                            {active ? (sort?.dir === "asc" ? " ▲" : " ▼") : ""}
                          </span>
                        </ListLink>
                      ) : (
                        c.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={rowKey ? rowKey(row, i) : idOf(row, i)} className={rowClassName?.(row)}>
                  {columns.map((c) =>
                    c.rowHeader ? (
                      <th key={c.key} scope="row" className={cellClass(c)} data-label={c.header}>
                        {c.cell(row, i)}
                      </th>
                    ) : (
                      <td key={c.key} className={cellClass(c)} data-label={c.header}>
                        {c.cell(row, i)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ListResults>
  );
}

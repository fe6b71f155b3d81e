import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, type Column } from "./data-table";
import { EmptyState } from "./ui";

/**
 * The numbers of one chart: categories along one axis, one or more series of values.
 * Client-safe: the loader builds it, `renderChart` (app/lib/charts.server.ts) turns it into an
 * SVG string on the server, and <Chart> shows that string, so a page with charts sends no
 * chart JavaScript.
 */
export type ChartData = {
  /** Heading of the figure; also the accessible name of the picture. */
  title: string;
  /** bar: vertical bars; barH: horizontal bars (long category names); line: a line per series. */
  kind: "bar" | "barH" | "line";
  /** Header of the category column in the table of numbers (e.g. "Month"). */
  categoryLabel: string;
  categories: string[];
  series: ChartSeries[];
  /** Names of the value axes: the first, and the second when a series is drawn against it. */
  axisNames?: [string, string?];
  /** Top of the (first) value axis, e.g. 100 for shares in per cent. */
  valueMax?: number;
};

/**
 * One series. Unknown values are null (a gap, "—" in the table). A series may be drawn otherwise
 * than the chart's kind (`as`), stacked with others of the same `stack`, as a filled area, or
 * against a second value axis (`axis: 1`, on the right).
 */
export type ChartSeries = { name: string; values: (number | null)[]; as?: "bar" | "line"; stack?: string; area?: boolean; axis?: 0 | 1 };

export type RenderedChart = ChartData & { svg: string };

/**
 * A chart rendered on the server as SVG, with its numbers as a table (visible, or folded in a
 * <details> when the page already shows them elsewhere).
 *
 * ```tsx
 * // loader (server): import { renderChart } from "../lib/charts.server";
 * const perMonth = renderChart({ title: t("reports.byMonth"), kind: "bar", categoryLabel: t("reports.month"),
 *   categories: months, series: [{ name: t("reports.collected"), values: collected }] });
 * // component:
 * <Chart chart={perMonth} empty={t("reports.none")} />
 * ```
 */
export function Chart({
  chart,
  numbers = "table",
  numbersLabel,
  empty,
  format,
  headingLevel,
}: {
  chart: RenderedChart;
  /** Put the title in a heading of this level inside the caption (a chart that heads its own section). */
  headingLevel?: 2 | 3;
  /**
   * `table`: the numbers in a visible table under the chart; `details`: folded; `none`: the page
   * shows the same numbers in a table of its own next to the chart.
   */
  numbers?: "table" | "details" | "none";
  /** Summary of the folded table (numbers="details"); "Show the numbers" by default. */
  numbersLabel?: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string;
  /** How a value reads in the table (defaults to the number as is). */
  format?: (value: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel ? (`h${headingLevel}` as const) : null;
  const caption = <figcaption>{Heading ? <Heading>{chart.title}</Heading> : chart.title}</figcaption>;
  if (chart.categories.length === 0) {
    return (
      <figure className="chart">
        {caption}
        <EmptyState title={empty} />
      </figure>
    );
  }
  const columns: Column<number>[] = [
    { key: "category", header: chart.categoryLabel, cell: (i) => chart.categories[i] },
    ...chart.series.map((s, si): Column<number> => ({
      key: `s${si}`,
      header: s.name,
      align: "end",
      cell: (i) => {
        const value = s.values[i];
        if (value === null || value === undefined) return "—";
        return format ? format(value) : value;
      },
    })),
  ];
  const table = <DataTable label={chart.title} columns={columns} rows={chart.categories.map((_, i) => i)} rowKey={(i) => i} empty={{ title: empty }} />;
  return (
    <figure className="chart">
      {caption}
      {/* The SVG comes from renderChart on the server (ECharts); it carries role="img" and a <title>. */}
      <div className="chart__svg" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      {numbers === "none" ? null : numbers === "table" ? (
        <div className="chart__numbers">{table}</div>
      ) : (
        <>
          <details className="chart__numbers no-print">
            <summary>{numbersLabel ?? t("common:chart.numbers")}</summary>
            {table}
          </details>
          {/* Print cannot open a <details>: the same table again, shown only on paper (no JavaScript needed). */}
          <div className="chart__numbers print-only" data-print-numbers>
            {table}
          </div>
        </>
      )}
    </figure>
  );
}

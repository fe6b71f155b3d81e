import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { Chart, type ChartData } from "../../app/components/chart";
import { createI18n } from "../../app/lib/i18n";
import { chartOption, renderChart } from "../../app/lib/charts.server";

const perMonth: ChartData = {
  title: "Problems per month <2026>",
  kind: "bar",
  categoryLabel: "Month",
  categories: ["2026-01", "2026-02", "2026-03"],
  series: [
    { name: "Collected", values: [17, 23, 9] },
    { name: "Resolved", values: [11, 19, 4] },
  ],
};

function show(element: React.ReactElement) {
  return renderToString(
    <I18nextProvider i18n={createI18n("en")}>
      <StaticRouter location="/reports">{element}</StaticRouter>
    </I18nextProvider>,
  );
}

describe("renderChart (ECharts SVG on the server)", () => {
  it("draws an SVG with a title, role img and the values of every series", () => {
    const { svg } = renderChart(perMonth);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(/^<svg[^>]* role="img" aria-label="Problems per month &lt;2026&gt;"><title>Problems per month &lt;2026&gt;<\/title>/);
    for (const value of [17, 23, 9, 11, 19, 4]) expect(svg).toMatch(new RegExp(`>${value}</text>`));
    expect(svg).toContain("2026-02");
    expect(svg).toContain("Resolved"); // the legend
    expect(svg).not.toContain("<script");
  });

  it("draws horizontal bars and lines too", () => {
    const h = renderChart({ ...perMonth, kind: "barH", series: [perMonth.series[0]] });
    expect(h.svg).toMatch(/>23<\/text>/);
    const line = renderChart({ ...perMonth, kind: "line" });
    expect(line.svg).toMatch(/<path[^>]*d="M/);
  });

  it("stacks areas, draws a series against a second axis, and keeps unknown values as gaps", () => {
    const data: ChartData = {
      title: "Electricity and employees",
      kind: "bar",
      categoryLabel: "Month",
      categories: ["2026-01", "2026-02", "2026-03"],
      series: [
        { name: "kWh", values: [1200, null, 900] },
        { name: "Employees", values: [40, 41, null], as: "line", axis: 1 },
      ],
      axisNames: ["kWh", "Employees"],
    };
    const option = chartOption(data) as {
      yAxis: { name?: string }[];
      series: { type: string; yAxisIndex: number; data: (number | null)[]; connectNulls?: boolean }[];
    };
    expect(option.yAxis.map((a) => a.name)).toEqual(["kWh", "Employees"]);
    expect(option.series.map((s) => [s.type, s.yAxisIndex])).toEqual([
      ["bar", 0],
      ["line", 1],
    ]);
    expect(option.series[0]!.data).toEqual([1200, null, 900]);
    expect(option.series[1]!.connectNulls).toBe(false);
    const { svg } = renderChart(data);
    expect(svg).toContain("Employees");

    const stacked = chartOption({
      ...data,
      kind: "line",
      series: [
        { name: "a", values: [1, 2, 3], stack: "s", area: true },
        { name: "b", values: [3, 2, 1], stack: "s", area: true },
      ],
      axisNames: undefined,
      valueMax: 100,
    }) as {
      yAxis: { max?: number };
      series: { stack?: string; areaStyle?: object; label: { show: boolean } }[];
    };
    expect(stacked.yAxis.max).toBe(100);
    expect(stacked.series.every((s) => s.stack === "s" && s.areaStyle && !s.label.show)).toBe(true);

    // An unknown value reads "—" in the table, never 0.
    const html = show(<Chart chart={renderChart(data)} empty="Nothing yet" />);
    expect(html).toMatch(/<td class="num" data-label="kWh">—<\/td>/);
    expect(html).toMatch(/<td class="num" data-label="Employees">—<\/td>/);
  });

  it("draws nothing for no categories", () => {
    expect(renderChart({ ...perMonth, categories: [], series: [] }).svg).toBe("");
  });
});

describe("<Chart>", () => {
  it("shows the SVG under its caption with the numbers in a table", () => {
    const html = show(<Chart chart={renderChart(perMonth)} empty="Nothing yet" />);
    expect(html).toContain("<figcaption>Problems per month &lt;2026&gt;</figcaption>");
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<td class="num" data-label="Collected">23<\/td>/);
    expect(html).toMatch(/<td class="num" data-label="Resolved">4<\/td>/);
    expect(html).toMatch(/<td data-label="Month">2026-03<\/td>/);
  });

  it("folds the numbers into a details element when asked", () => {
    const html = show(<Chart chart={renderChart(perMonth)} numbers="details" empty="Nothing yet" />);
    expect(html).toContain("<summary>Show the numbers</summary>");
  });

  it("shows the empty text when there is nothing to draw", () => {
    const html = show(<Chart chart={renderChart({ ...perMonth, categories: [], series: [] })} empty="Nothing yet" />);
    expect(html).toContain("Nothing yet");
    expect(html).not.toContain("<svg");
  });
});

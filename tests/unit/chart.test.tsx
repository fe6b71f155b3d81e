import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { Chart, type ChartData } from "../../app/components/chart";
import { createI18n } from "../../app/lib/i18n";
import { renderChart } from "../../app/lib/charts.server";

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

// Charts drawn on the server: ECharts 6 renders an SVG string (no DOM, no browser code), the page
// embeds it, and <Chart> (app/components/chart.tsx) shows it with its numbers as a table.
// ECharts is imported here only: a .server file never reaches a browser bundle.
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ChartData, RenderedChart } from "../components/chart";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** The portal's colours (app/styles/app.css), in an order that stays apart for common colour blindness. */
const palette = ["#0f5c8c", "#e08a00", "#1e7a46", "#7b3fa0", "#b3261e", "#5f6b7a"];
const font = '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif';

/** Values printed on the bars only while they stay readable. */
const MAX_LABELLED_POINTS = 40;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** ECharts options for one chart (exported for tests). */
export function chartOption(data: ChartData): echarts.EChartsCoreOption {
  const horizontal = data.kind === "barH";
  const points = data.categories.length * data.series.length;
  const labelled = points <= MAX_LABELLED_POINTS && !data.series.some((s) => s.stack || s.area);
  const twoAxes = data.series.some((s) => s.axis === 1);
  const categoryAxis = {
    type: "category" as const,
    data: data.categories,
    axisLabel: { interval: data.categories.length > 24 ? "auto" : 0, hideOverlap: true },
    axisTick: { alignWithLabel: true },
  };
  const valueAxis = (index: 0 | 1) => ({
    type: "value" as const,
    minInterval: 1,
    name: data.axisNames?.[index],
    nameTextStyle: { fontSize: 11 },
    ...(index === 0 && data.valueMax !== undefined ? { max: data.valueMax } : {}),
    ...(index === 1 ? { splitLine: { show: false } } : {}),
  });
  const named = Boolean(data.axisNames?.[0]);
  return {
    animation: false,
    color: palette,
    textStyle: { fontFamily: font, color: "#1f2933" },
    legend: data.series.length > 1 ? { top: 0, data: data.series.map((s) => s.name) } : undefined,
    grid: { left: 8, right: 24, top: data.series.length > 1 || named ? 40 : 16, bottom: 8, outerBoundsMode: "same" },
    xAxis: horizontal ? valueAxis(0) : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : twoAxes ? [valueAxis(0), valueAxis(1)] : valueAxis(0),
    series: data.series.map((s) => {
      const type = s.as ?? (data.kind === "line" ? "line" : "bar");
      return {
        name: s.name,
        type,
        data: s.values,
        stack: s.stack,
        yAxisIndex: horizontal ? undefined : (s.axis ?? 0),
        label: { show: labelled, position: horizontal ? "right" : "top", fontSize: 11 },
        ...(s.area ? { areaStyle: { opacity: 0.5 } } : {}),
        // Dots on a line only while there are few points; a gap stays a gap (unknown is not zero).
        ...(type === "line"
          ? { symbolSize: 6, showSymbol: !s.area && data.categories.length <= MAX_LABELLED_POINTS, connectNulls: false }
          : { barMaxWidth: 28 }),
      };
    }),
  };
}

/** Drawn charts by their data and size: report figures change far less often than pages are read. */
const drawn = new Map<string, string>();
const MAX_DRAWN = 200;

/**
 * The chart as an SVG string with role="img", an aria-label and a <title> (its accessible name).
 * Width and height are the drawing's units; the SVG scales to its container (it has a viewBox).
 * The same data at the same size is drawn once (kept among the last 200 charts drawn).
 */
export function renderChart(data: ChartData, size: { width?: number; height?: number } = {}): RenderedChart {
  const width = size.width ?? 640;
  const height = size.height ?? (data.kind === "barH" ? Math.max(200, 40 + data.categories.length * 30) : 300);
  if (data.categories.length === 0) return { ...data, svg: "" };
  const key = JSON.stringify([data, width, height]);
  let svg = drawn.get(key);
  if (svg === undefined) {
    svg = drawSvg(data, width, height);
    drawn.set(key, svg);
    if (drawn.size > MAX_DRAWN) drawn.delete(drawn.keys().next().value!);
  }
  return { ...data, svg };
}

function drawSvg(data: ChartData, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(chartOption(data));
    const svg = chart.renderToSVGString();
    const title = escapeXml(data.title);
    return svg.replace(/^<svg\b([^>]*)>/, `<svg$1 role="img" aria-label="${title}"><title>${title}</title>`);
  } finally {
    chart.dispose();
  }
}

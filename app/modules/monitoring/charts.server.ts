/**
 * Charts drawn on the server as SVG (ECharts' server-side renderer): the page carries the
 * picture and no chart JavaScript. Replace with the shared Chart component (app/components/chart.tsx)
 * once it lands on main.
 */
import * as echarts from "echarts";

export type LineSeries = { name: string; data: (number | null)[]; stack?: string; area?: boolean; type?: "line" | "bar"; yAxisIndex?: 0 | 1 };

const palette = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#0e7490", "#57606a"];

export function lineChartSvg(opts: { categories: string[]; series: LineSeries[]; width?: number; height?: number; yNames?: [string, string?]; percent?: boolean }): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 300;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  const twoAxes = opts.series.some((s) => s.yAxisIndex === 1);
  chart.setOption({
    animation: false,
    color: palette,
    grid: { left: 64, right: twoAxes ? 64 : 20, top: 40, bottom: 36 },
    legend: { top: 4, type: "plain", textStyle: { fontSize: 11 } },
    xAxis: { type: "category", data: opts.categories, axisLabel: { fontSize: 10 } },
    yAxis: [
      { type: "value", name: opts.yNames?.[0], nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 }, ...(opts.percent ? { max: 100 } : {}) },
      ...(twoAxes ? [{ type: "value", name: opts.yNames?.[1], nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 }, splitLine: { show: false } }] : []),
    ],
    series: opts.series.map((s) => ({
      name: s.name,
      type: s.type ?? "line",
      data: s.data,
      stack: s.stack,
      yAxisIndex: s.yAxisIndex ?? 0,
      symbol: "none",
      connectNulls: false,
      ...(s.area ? { areaStyle: { opacity: 0.5 } } : {}),
      ...(s.type === "bar" ? { barMaxWidth: 18 } : {}),
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

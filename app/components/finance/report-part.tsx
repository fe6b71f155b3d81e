// The finance part of /reports (client-safe): headline figures, the standing source figures, a chart by month.
import { useTranslation } from "react-i18next";
import { Chart, type RenderedChart } from "../chart";
import { formatMoney } from "../../lib/format";
import type { FinanceReport } from "../../modules/finance/reports.server";

export function FinanceReportPart({ report: r, chart, lng }: { report: FinanceReport; chart: RenderedChart; lng: "zh-CN" | "en" }) {
  const { t } = useTranslation("finance");
  const year: [string, string | number][] = [
    ["needsPosted", r.needsPosted],
    ["needsSurveyed", r.needsSurveyed],
    ["claimed", r.claimed],
    ["answeredInTime", r.answeredInTime],
    ["approved", r.approved],
    ["disbursed", formatMoney(r.disbursedFen, lng)],
    ["renewalsDue", r.renewalsDue],
    ["renewed", r.renewed],
  ];
  const standing: [string, string | number][] = [
    ["needsSurveyed", r.surveyedAll],
    ["products", r.products],
    ["serviceEnterprises", r.serviceEnterprises],
    ["financed", r.financedEnterprises],
    ["financedAmount", formatMoney(r.financedFen, lng)],
    ["renewable", r.renewableEnterprises],
    ["lines", formatMoney(r.linesFen, lng)],
    ["lineDrawn", formatMoney(r.drawnFen, lng)],
  ];
  return (
    <section aria-labelledby="finance-report-title" className="finance-report">
      <h2 id="finance-report-title">
        {t("reports.title")} · {r.year}
      </h2>
      <div className="grid tickets-stats">
        {year.map(([key, value]) => (
          <div className="stat" key={key} data-figure={`finance-${key}`}>
            <div className="stat__value">{value}</div>
            <div className="stat__label">{t(`reports.${key}`)}</div>
          </div>
        ))}
      </div>
      <Chart chart={chart} numbers="details" empty={t("rules.none")} />
      <h3>{t("reports.source")}</h3>
      <div className="grid tickets-stats">
        {standing.map(([key, value]) => (
          <div className="stat" key={key} data-figure={`finance-source-${key}`}>
            <div className="stat__value">{value}</div>
            <div className="stat__label">{t(`reports.${key}`)}</div>
          </div>
        ))}
      </div>
    </section>
  );
}

// The legal part of /reports (client-safe): legal services and shared-court cases of the year.
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../lib/format";
import type { Language } from "../../lib/i18n";
import type { LegalReport } from "../../modules/disputes/reports.server";

export function LegalReportPart({ r, lng }: { r: LegalReport; lng: Language }) {
  const { t } = useTranslation("disputes");
  const none = t("reports.none");
  const headline: [string, string | number][] = [
    ["checks", r.healthChecks],
    ["lectures", r.lectures],
    ["attendees", r.lectureAttendees],
    ["filed", r.filed],
    ["settled", r.settled],
    ["settledRate", r.settledRate === null ? none : `${Math.round(r.settledRate * 1000) / 10}%`],
    ["medianDays", r.medianDaysToSettle === null ? none : t("reports.days", { value: r.medianDaysToSettle })],
    ["amount", formatMoney(r.amountFen, lng)],
    ["settledAmount", formatMoney(r.settledFen, lng)],
    ["referred", r.referred],
    ["judicialConfirmed", r.judicialConfirmed],
    ["mediationMissed", r.mediationMissed],
    ["confirmationMissed", r.confirmationMissed],
  ];
  return (
    <section aria-labelledby="legal-report-title">
      <h2 id="legal-report-title">
        {t("reports.title")} · {r.year}
      </h2>
      <div className="grid tickets-stats">
        {headline.map(([key, value]) => (
          <div className="stat" key={key} data-figure={`legal-${key}`}>
            <div className="stat__value">{value}</div>
            <div className="stat__label">{t(`reports.${key}`)}</div>
          </div>
        ))}
      </div>
      <div className="tickets-layout">
        <section className="card">
          <h3>{t("reports.byType")}</h3>
          <div className="table-wrap" role="region" aria-label={t("reports.byType")} tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("list.type")}</th>
                  <th scope="col" className="num">
                    {t("reports.filed")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.settled")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.byType.map((row) => (
                  <tr key={row.type}>
                    <td>{t(`type.${row.type}`)}</td>
                    <td className="num">{row.filed}</td>
                    <td className="num">{row.settled}</td>
                    <td className="num">{formatMoney(row.amount_fen, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card">
          <h3>{t("reports.byStation")}</h3>
          <div className="table-wrap" role="region" aria-label={t("reports.byStation")} tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("list.station")}</th>
                  <th scope="col" className="num">
                    {t("reports.filed")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.settled")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.referred")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.open")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.byStation.map((row) => (
                  <tr key={row.station_id}>
                    <td>{lng === "zh-CN" ? row.name_zh : row.name_en}</td>
                    <td className="num">{row.filed}</td>
                    <td className="num">{row.settled}</td>
                    <td className="num">{row.referred}</td>
                    <td className="num">{row.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </section>
  );
}

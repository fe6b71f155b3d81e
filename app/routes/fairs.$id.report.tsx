import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, EmptyState, PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { fairReport, getFairFor, reportBoothRows } from "../modules/fairs/fairs.server";
import { idParam } from "../lib/ids";

export const meta: MetaFunction = () => [{ title: "招聘会报告 Fair report" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "fairs.report");
  const fair = await getFairFor(actor, idParam(params));
  if (!fair) notFound();
  const rows = await reportBoothRows(fair.id);
  return { fair: { id: fair.id, title: fair.title, fairDate: fair.fairDate, partnerSchool: fair.partnerSchool, boothCapacity: fair.boothCapacity }, report: await fairReport(fair.id), rows };
}

export default function FairReportPage() {
  const { t } = useTranslation("fairs");
  const { fair, report, rows } = useLoaderData<typeof loader>();
  const p = report.postings;
  const stats: [string, number | string][] = [
    ["report.enterprises", report.enterprises],
    ["report.booths", `${report.approvedBooths} / ${fair.boothCapacity}`],
    ["report.positions", p ? p.positions : "—"],
    ["report.postings", p ? p.postings : "—"],
    ["report.registered", report.registered],
    ["report.checkedIn", report.checkedIn],
    ["report.applications", p ? p.applications : "—"],
    ["report.intents", p ? p.intentsReached : "—"],
  ];
  return (
    <>
      <PageHeader
        title={t("report.title", { fair: fair.title })}
        lead={`${fair.fairDate}${fair.partnerSchool ? ` · ${fair.partnerSchool}` : ""}`}
        actions={
          <>
            <a className="btn btn--ghost btn--small" href={`/fairs/${fair.id}/report.csv`} download>{t("report.exportCsv")}</a>
            <Link className="btn btn--ghost btn--small" to={`/fairs/${fair.id}`}>{t("booths.backToFair")}</Link>
          </>
        }
      />
      <div className="grid">
        {stats.map(([label, value]) => (
          <div className="stat" key={label}>
            <div className="stat__value">{value}</div>
            <div className="stat__label">{t(label)}</div>
          </div>
        ))}
      </div>
      {p ? null : <Alert tone="info">{t("report.noJobsData")}</Alert>}
      {report.pendingBooths > 0 ? <Alert tone="warn">{t("report.pending", { count: report.pendingBooths })}</Alert> : null}
      {report.registered > 0 ? (
        <p className="muted">{t("report.checkInRate", { rate: Math.round((100 * report.checkedIn) / report.registered) })}</p>
      ) : null}
      {report.byHour.length > 0 ? (
        <section className="card">
          <h2>{t("report.byHour")}</h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("report.hour")}</th>
                  <th className="num">{t("report.checkedIn")}</th>
                </tr>
              </thead>
              <tbody>
                {report.byHour.map((h) => (
                  <tr key={h.hour}>
                    <td>{h.hour}</td>
                    <td className="num">{h.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="card">
        <h2>{t("report.boothTable")}</h2>
        {rows.length === 0 ? (
          <EmptyState title={t("detail.noExhibitors")} />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th className="num">{t("booths.number")}</th>
                  <th>{t("booths.enterprise")}</th>
                  <th className="num">{t("report.postings")}</th>
                  <th className="num">{t("report.positions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.enterpriseId}>
                    <td className="num">{r.boothNumber}</td>
                    <td>{r.enterpriseName}</td>
                    <td className="num">{r.postings ?? "—"}</td>
                    <td className="num">{r.positions ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

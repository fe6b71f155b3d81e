import type { LoaderFunctionArgs } from "@remix-run/node";
import { DataTable, type Column } from "../components/data-table";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { fairReport, getFairFor, reportBoothRows } from "../modules/fairs/fairs.server";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("fairsIdReport", (d) => ({ name: d.fair.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "fairs.report");
  const fair = await getFairFor(actor, idParam(params));
  if (!fair) notFound();
  const rows = await reportBoothRows(fair.id);
  return {
    fair: { id: fair.id, title: fair.title, fairDate: fair.fairDate, partnerSchool: fair.partnerSchool, boothCapacity: fair.boothCapacity },
    report: await fairReport(fair.id),
    rows,
  };
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
    ["report.overriddenCheckIns", report.overriddenCheckIns],
    ["report.applications", p ? p.applications : "—"],
    ["report.intents", p ? p.intentsReached : "—"],
  ];
  const hourColumns: Column<(typeof report.byHour)[number]>[] = [
    { key: "hour", header: t("report.hour"), cell: (h) => h.hour },
    { key: "n", header: t("report.checkedIn"), align: "end", cell: (h) => h.n },
  ];
  const boothColumns: Column<(typeof rows)[number]>[] = [
    { key: "number", header: t("booths.number"), align: "end", cell: (r) => r.boothNumber },
    { key: "enterprise", header: t("booths.enterprise"), cell: (r) => r.enterpriseName },
    { key: "postings", header: t("report.postings"), align: "end", cell: (r) => r.postings ?? "—" },
    { key: "positions", header: t("report.positions"), align: "end", cell: (r) => r.positions ?? "—" },
  ];
  return (
    <>
      <PageHeader
        title={t("report.title", { fair: fair.title })}
        lead={`${fair.fairDate}${fair.partnerSchool ? ` · ${fair.partnerSchool}` : ""}`}
        actions={
          <>
            <a className="btn btn--ghost btn--small" href={`/fairs/${fair.id}/report.csv`} download>
              {t("report.exportCsv")}
            </a>
            <Link className="btn btn--ghost btn--small" to={`/fairs/${fair.id}`}>
              {t("booths.backToFair")}
            </Link>
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
      {report.registered > 0 ? <p className="muted">{t("report.checkInRate", { rate: Math.round((100 * report.checkedIn) / report.registered) })}</p> : null}
      {report.byHour.length > 0 ? (
        <section className="card">
          <h2>{t("report.byHour")}</h2>
          <DataTable label={t("report.byHour")} columns={hourColumns} rows={report.byHour} rowKey={(h) => h.hour} empty={{ title: t("report.byHour") }} />
        </section>
      ) : null}
      <section className="card">
        <h2>{t("report.boothTable")}</h2>
        <DataTable
          label={t("report.boothTable")}
          columns={boothColumns}
          rows={rows}
          rowKey={(r) => r.enterpriseId}
          empty={{ title: t("detail.noExhibitors") }}
        />
      </section>
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { useRootData } from "../root";
import { cachedTicketReport } from "../modules/tickets/reports.server";
import { MonitoringReport } from "../components/monitoring";
import { monitoringReport } from "../modules/monitoring/monitoring.server";

export const meta: MetaFunction = () => [{ title: "统计报表 Reports" }];

// /reports: each capability adds its part; this is the tickets part (problems, complaints, visits).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "reports.view");
  const current = new Date().getFullYear();
  const raw = Number(new URL(request.url).searchParams.get("year"));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= current + 1 ? raw : current;
  return { tickets: await cachedTicketReport(year), monitoring: await monitoringReport() };
}

export default function Reports() {
  const { t } = useTranslation("tickets");
  const { tickets: r, monitoring } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const days = (v: number | null) => (v === null ? t("reports.none") : t("reports.days", { value: v }));
  const headline: [string, string | number][] = [
    ["reports.chambersVisited", r.chambersVisited],
    ["reports.enterprisesVisited", r.enterprisesVisited],
    ["reports.collected", r.collected],
    ["reports.resolved", r.resolved],
    ["reports.complaintsResolved", r.complaintsResolved],
    ["reports.medianAnswer", days(r.medianAnswerDays)],
    ["reports.medianResolve", days(r.medianResolveDays)],
    ["reports.overdueRate", r.overdueRate === null ? t("reports.none") : `${Math.round(r.overdueRate * 1000) / 10}%`],
    ["reports.averageRating", r.averageRating === null ? t("reports.none") : r.averageRating],
  ];
  return (
    <>
      <PageHeader title={t("reports.title")} />
      <Form method="get" className="filters">
        <TextField label={t("reports.year")} name="year" type="number" min={2000} max={2100} defaultValue={r.year} />
        <div className="form-actions">
          <button type="submit" className="btn btn--small">{t("reports.show")}</button>
        </div>
      </Form>
      <h2>{t("reports.ticketsTitle")} · {r.year}</h2>
      <div className="grid tickets-stats">
        {headline.map(([key, value]) => (
          <div className="stat" key={key} data-figure={key.split(".")[1]}>
            <div className="stat__value">{value}</div>
            <div className="stat__label">{t(key)}</div>
          </div>
        ))}
      </div>
      <p className="muted small">{t("reports.ratedCount", { count: r.rated, flagged: r.flagged })}</p>
      <div className="tickets-layout">
        <section className="card">
          <h3>{t("reports.byMonth")}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr><th scope="col">{t("reports.month")}</th><th scope="col">{t("reports.collected")}</th><th scope="col">{t("reports.resolved")}</th></tr>
              </thead>
              <tbody>
                {r.byMonth.map((m) => (
                  <tr key={m.month}><td>{m.month}</td><td>{m.collected}</td><td>{m.resolved}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card">
          <h3>{t("reports.byCategory")}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr><th scope="col">{t("list.category")}</th><th scope="col">{t("reports.collected")}</th><th scope="col">{t("reports.resolved")}</th></tr>
              </thead>
              <tbody>
                {r.byCategory.map((c) => (
                  <tr key={c.category}><td>{t(`category.${c.category}`)}</td><td>{c.collected}</td><td>{c.resolved}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <section className="card">
        <h3>{t("reports.byDepartment")}</h3>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("list.department")}</th><th scope="col">{t("reports.referred")}</th><th scope="col">{t("reports.answered")}</th><th scope="col">{t("reports.late")}</th><th scope="col">{t("reports.medianAnswer")}</th>
              </tr>
            </thead>
            <tbody>
              {r.byDepartment.map((d) => (
                <tr key={d.department_id}>
                  <td>{lng === "zh-CN" ? d.name_zh : d.name_en}</td><td>{d.referred}</td><td>{d.answered}</td><td>{d.late}</td><td>{days(d.median_answer_days)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <MonitoringReport report={monitoring} />
    </>
  );
}

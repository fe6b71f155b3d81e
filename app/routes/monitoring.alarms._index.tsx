import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../components/fields";
import { figure } from "../components/monitoring";
import { Badge, EmptyState, FilterActions, PageHeader, Pagination } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { alarmFigures, ALARMS_PAGE_SIZE, listAlarms } from "../modules/monitoring/buildings.server";

export const meta: MetaFunction = () => [{ title: "通道告警 Passage alarms" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.view");
  const url = new URL(request.url);
  const s = url.searchParams.get("status");
  const status = s === "open" || s === "cleared" ? s : undefined;
  const page = pageFromUrl(request.url);
  const [list, figures] = await Promise.all([listAlarms(actor, { status }, page), alarmFigures()]);
  return { ...list, figures, page, pageSize: ALARMS_PAGE_SIZE, status: status ?? "" };
}

export default function Alarms() {
  const { t } = useTranslation("monitoring");
  const d = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const f = d.figures;
  return (
    <>
      <PageHeader title={t("alarms.title")} lead={t("alarms.lead")} actions={<Link to="/monitoring/buildings" className="btn btn--ghost btn--small">{t("overview.buildings")}</Link>} />
      <div className="grid">
        <div className="stat"><span className="stat__label">{t("alarms.open")}</span> <span className="stat__value">{f.open}</span></div>
        <div className="stat"><span className="stat__label">{t("alarms.total")}</span> <span className="stat__value">{f.total}</span> <span className="muted small">{t("alarms.byStaff")} {f.clearedByStaff} · {t("alarms.byGateway")} {f.clearedByGateway}</span></div>
        <div className="stat"><span className="stat__label">{t("alarms.medianToClear")}</span> <span className="stat__value">{f.medianHoursToClear == null ? "—" : t("alarms.hours", { n: figure(f.medianHoursToClear, lng) })}</span></div>
        <div className="stat"><span className="stat__label">{t("alarms.p90ToClear")}</span> <span className="stat__value">{f.p90HoursToClear == null ? "—" : t("alarms.hours", { n: figure(f.p90HoursToClear, lng) })}</span></div>
      </div>
      <section className="card" aria-labelledby="list">
        <h2 id="list">{t("alarms.title")} ({d.total})</h2>
        <Form method="get" className="form form--inline filters">
          <SelectField label={t("alarms.status")} name="status" defaultValue={d.status} placeholder={t("alarms.all")} options={(["open", "cleared"] as const).map((s) => ({ value: s, label: t(`alarms.statusOf.${s}`) }))} />
          <FilterActions />
        </Form>
        {d.rows.length === 0 ? (
          <EmptyState title={t("alarms.empty")}>{t("alarms.emptyBody")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("alarms.notice")}</th>
                  <th scope="col">{t("alarms.raisedAt")}</th>
                  <th scope="col">{t("alarms.building")}</th>
                  <th scope="col" className="num">{t("alarms.floor")}</th>
                  <th scope="col">{t("alarms.passage")}</th>
                  <th scope="col">{t("alarms.tenant")}</th>
                  <th scope="col">{t("alarms.status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((x) => (
                  <tr key={x.id}>
                    <td><Link to={`/monitoring/alarms/${x.id}`} className="mono">{x.noticeNo}</Link></td>
                    <td>{formatDateTime(x.raisedAt, lng)}</td>
                    <td><Link to={`/monitoring/buildings/${x.buildingId}`}>{x.building}</Link></td>
                    <td className="num">{x.floor}</td>
                    <td>{x.passage}</td>
                    <td>{x.enterpriseId ? <Link to={`/monitoring/enterprises/${x.enterpriseId}`}>{x.tenant}</Link> : "—"}</td>
                    <td>
                      <Badge tone={x.status === "open" ? "danger" : "success"}>{t(`alarms.statusOf.${x.status}`)}</Badge>{" "}
                      {x.status === "open" && x.tenantReportedAt ? <Badge tone="info">{t("alarms.tenantReported")}</Badge> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
      </section>
      <section className="card" aria-labelledby="repeat">
        <h2 id="repeat">{t("alarms.repeat")}</h2>
        {f.repeatOffenders.length === 0 ? (
          <p className="muted">{t("alarms.noRepeat")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("alarms.tenant")}</th>
                  <th scope="col" className="num">{t("alarms.count")}</th>
                  <th scope="col" className="num">{t("alarms.open")}</th>
                  <th scope="col">{t("alarms.lastAt")}</th>
                </tr>
              </thead>
              <tbody>
                {f.repeatOffenders.map((o) => (
                  <tr key={o.enterpriseId}>
                    <td><Link to={`/monitoring/enterprises/${o.enterpriseId}`}>{o.name}</Link></td>
                    <td className="num">{o.alarms}</td>
                    <td className="num">{o.open}</td>
                    <td>{formatDateTime(o.lastAt, lng)}</td>
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

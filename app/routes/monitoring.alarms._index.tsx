import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../components/fields";
import { figure } from "../components/monitoring";
import { DataTable, type Column } from "../components/data-table";
import { Badge, FilterActions, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { alarmFigures, ALARMS_PAGE_SIZE, listAlarms } from "../modules/monitoring/buildings.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("monitoringAlarms");

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
  const columns: Column<(typeof d.rows)[number]>[] = [
    {
      key: "notice",
      header: t("alarms.notice"),
      rowHeader: true,
      cell: (x) => (
        <Link to={`/monitoring/alarms/${x.id}`} className="mono">
          {x.noticeNo}
        </Link>
      ),
    },
    { key: "raisedAt", header: t("alarms.raisedAt"), cell: (x) => formatDateTime(x.raisedAt, lng) },
    { key: "building", header: t("alarms.building"), cell: (x) => <Link to={`/monitoring/buildings/${x.buildingId}`}>{x.building}</Link> },
    { key: "floor", header: t("alarms.floor"), align: "end", cell: (x) => x.floor },
    { key: "passage", header: t("alarms.passage"), cell: (x) => x.passage },
    {
      key: "tenant",
      header: t("alarms.tenant"),
      cell: (x) => (x.enterpriseId ? <Link to={`/monitoring/enterprises/${x.enterpriseId}`}>{x.tenant}</Link> : "—"),
    },
    {
      key: "status",
      header: t("alarms.status"),
      cell: (x) => (
        <>
          <Badge tone={x.status === "open" ? "danger" : "success"}>{t(`alarms.statusOf.${x.status}`)}</Badge>{" "}
          {x.status === "open" && x.tenantReportedAt ? <Badge tone="info">{t("alarms.tenantReported")}</Badge> : null}
        </>
      ),
    },
  ];
  const repeatColumns: Column<(typeof f.repeatOffenders)[number]>[] = [
    { key: "tenant", header: t("alarms.tenant"), rowHeader: true, cell: (o) => <Link to={`/monitoring/enterprises/${o.enterpriseId}`}>{o.name}</Link> },
    { key: "alarms", header: t("alarms.count"), align: "end", cell: (o) => o.alarms },
    { key: "open", header: t("alarms.open"), align: "end", cell: (o) => o.open },
    { key: "lastAt", header: t("alarms.lastAt"), cell: (o) => formatDateTime(o.lastAt, lng) },
  ];
  return (
    <>
      <PageHeader
        title={t("alarms.title")}
        lead={t("alarms.lead")}
        actions={
          <Link to="/monitoring/buildings" className="btn btn--ghost btn--small">
            {t("overview.buildings")}
          </Link>
        }
      />
      <div className="grid">
        <div className="stat">
          <span className="stat__label">{t("alarms.open")}</span> <span className="stat__value">{f.open}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("alarms.total")}</span> <span className="stat__value">{f.total}</span>{" "}
          <span className="muted small">
            {t("alarms.byStaff")} {f.clearedByStaff} · {t("alarms.byGateway")} {f.clearedByGateway}
          </span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("alarms.medianToClear")}</span>{" "}
          <span className="stat__value">{f.medianHoursToClear == null ? "—" : t("alarms.hours", { n: figure(f.medianHoursToClear, lng) })}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("alarms.p90ToClear")}</span>{" "}
          <span className="stat__value">{f.p90HoursToClear == null ? "—" : t("alarms.hours", { n: figure(f.p90HoursToClear, lng) })}</span>
        </div>
      </div>
      <section className="card" aria-labelledby="list">
        <h2 id="list">
          {t("alarms.title")} ({d.total})
        </h2>
        <Form method="get" className="form form--inline filters">
          <SelectField
            label={t("alarms.status")}
            name="status"
            defaultValue={d.status}
            placeholder={t("alarms.all")}
            options={(["open", "cleared"] as const).map((s) => ({ value: s, label: t(`alarms.statusOf.${s}`) }))}
          />
          <FilterActions />
        </Form>
        <DataTable
          label={t("alarms.title")}
          columns={columns}
          rows={d.rows}
          empty={{ title: t("alarms.empty"), body: t("alarms.emptyBody") }}
          pagination={{ page: d.page, pageSize: d.pageSize, total: d.total }}
        />
      </section>
      <section className="card" aria-labelledby="repeat">
        <h2 id="repeat">{t("alarms.repeat")}</h2>
        {f.repeatOffenders.length === 0 ? (
          <p className="muted">{t("alarms.noRepeat")}</p>
        ) : (
          <DataTable
            label={t("alarms.repeat")}
            columns={repeatColumns}
            rows={f.repeatOffenders}
            rowKey={(o) => o.enterpriseId}
            empty={{ title: t("alarms.noRepeat") }}
          />
        )}
      </section>
    </>
  );
}

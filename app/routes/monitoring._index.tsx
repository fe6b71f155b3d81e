import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../components/fields";
import { FlagList, figure, pct } from "../components/monitoring";
import { Chart } from "../components/chart";
import { DataTable, type Column } from "../components/data-table";
import { Badge, EmptyState, FilterActions, PageHeader } from "../components/ui";
import { formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { flagKinds, type FlagKind } from "../modules/monitoring/constants";
import { FLAGGED_PAGE_SIZE, flaggedFirms, monitoringSnapshot, overviewCharts, type GroupRow } from "../modules/monitoring/monitoring.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("monitoring");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.view");
  const url = new URL(request.url);
  const rawFlag = url.searchParams.get("flag");
  const flag = (flagKinds as readonly string[]).includes(rawFlag ?? "") ? (rawFlag as FlagKind) : null;
  const page = pageFromUrl(request.url);
  const s = await monitoringSnapshot();
  const charts = await overviewCharts(s, detectLanguage(request));
  const flagged = flaggedFirms(s, flag, page);
  return {
    month: s.month.slice(0, 7),
    thresholds: s.thresholds,
    prosperity: s.prosperity,
    bySegment: s.bySegment,
    byVillage: s.byVillage,
    flagCounts: s.flagCounts,
    flagged: flagged.rows.map((f) => ({
      id: f.id,
      name: f.name,
      village: f.village,
      segment: f.segment,
      cls: f.cls,
      indexYoy: f.activity.indexYoy,
      flags: f.flags,
    })),
    total: flagged.total,
    page,
    pageSize: FLAGGED_PAGE_SIZE,
    flag,
    charts,
    firms: s.firms.length,
  };
}

function GroupTable({ rows, label, translateKey }: { rows: GroupRow[]; label: string; translateKey?: (k: string) => string }) {
  const { t } = useTranslation("monitoring");
  const lng = useRootData()?.lng ?? "zh-CN";
  const columns: Column<GroupRow>[] = [
    { key: "group", header: t("overview.group"), rowHeader: true, cell: (r) => (translateKey ? translateKey(r.key) : r.key) },
    { key: "firms", header: t("overview.firms"), align: "end", cell: (r) => r.firms },
    { key: "kwh", header: t("overview.kwh"), align: "end", cell: (r) => figure(r.kwh, lng) },
    { key: "indexYoy", header: t("overview.indexYoy"), align: "end", cell: (r) => figure(r.indexYoy, lng) },
    { key: "indexTrailing", header: t("overview.indexTrailing"), align: "end", cell: (r) => figure(r.indexTrailing, lng) },
    { key: "tax", header: t("overview.tax"), align: "end", cell: (r) => formatMoney(r.taxFen, lng) },
    { key: "employees", header: t("overview.employees"), align: "end", cell: (r) => figure(r.employees, lng) },
    {
      key: "prosperity",
      header: t("overview.prosperity"),
      className: "small",
      cell: (r) => (
        <>
          {t("classes.growing")} {r.growing} · {t("classes.steady")} {r.steady} · {t("classes.shrinking")} {r.shrinking}
        </>
      ),
    },
    { key: "flagged", header: t("overview.flagged"), align: "end", cell: (r) => r.flagged },
  ];
  return <DataTable label={label} columns={columns} rows={rows} rowKey={(r) => r.key} empty={{ title: t("overview.empty") }} />;
}

export default function MonitoringOverview() {
  const { t } = useTranslation("monitoring");
  const d = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const flaggedColumns: Column<(typeof d.flagged)[number]>[] = [
    { key: "name", header: t("overview.enterprise"), rowHeader: true, cell: (f) => <Link to={`/monitoring/enterprises/${f.id}`}>{f.name}</Link> },
    { key: "village", header: t("overview.village"), cell: (f) => f.village },
    { key: "segment", header: t("overview.segment"), cell: (f) => t(`segments.${f.segment}`) },
    { key: "indexYoy", header: t("overview.indexYoy"), align: "end", cell: (f) => figure(f.indexYoy, lng) },
    { key: "flags", header: t("overview.flags"), cell: (f) => <FlagList flags={f.flags} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("overview.title")}
        lead={t("overview.lead", { month: d.month })}
        actions={
          <>
            <Link to="/monitoring/meters" className="btn btn--ghost btn--small">
              {t("overview.meters")}
            </Link>
            <Link to="/monitoring/buildings" className="btn btn--ghost btn--small">
              {t("overview.buildings")}
            </Link>
            <Link to="/monitoring/alarms" className="btn btn--ghost btn--small">
              {t("overview.alarms")}
            </Link>
            <Link to="/monitoring/import" className="btn btn--ghost btn--small">
              {t("overview.import")}
            </Link>
          </>
        }
      />
      {d.firms === 0 ? (
        <EmptyState title={t("overview.empty")}>{t("overview.emptyBody")}</EmptyState>
      ) : (
        <>
          <section className="card" aria-labelledby="prosperity">
            <h2 id="prosperity">{t("overview.prosperity")}</h2>
            <p className="muted">{t("overview.prosperityLead", { band: d.thresholds.steadyBandPct })}</p>
            <div className="grid">
              <div className="stat">
                <span className="stat__value">{pct(d.prosperity.growingPct, lng)}</span> <Badge tone="success">{t("classes.growing")}</Badge>{" "}
                <span className="muted small">{d.prosperity.growing}</span>
              </div>
              <div className="stat">
                <span className="stat__value">{pct(d.prosperity.steadyPct, lng)}</span> <Badge tone="info">{t("classes.steady")}</Badge>{" "}
                <span className="muted small">{d.prosperity.steady}</span>
              </div>
              <div className="stat">
                <span className="stat__value">{pct(d.prosperity.shrinkingPct, lng)}</span> <Badge tone="danger">{t("classes.shrinking")}</Badge>{" "}
                <span className="muted small">{d.prosperity.shrinking}</span>
              </div>
            </div>
            <p className="small muted">{t("overview.firmsWithFigures", { count: d.prosperity.total - d.prosperity.unknown, unknown: d.prosperity.unknown })}</p>
          </section>
          <div className="grid-2">
            <div className="card">
              <Chart chart={d.charts.kwh} numbers="details" empty={t("overview.chartEmpty")} />
            </div>
            <div className="card">
              <Chart chart={d.charts.prosperity} numbers="details" empty={t("overview.chartEmpty")} />
            </div>
          </div>
          <section className="card" aria-labelledby="flagged">
            <h2 id="flagged">
              {t("overview.flaggedFirms")} ({d.total})
            </h2>
            <Form method="get" className="form form--inline">
              <SelectField
                label={t("overview.filterFlag")}
                name="flag"
                defaultValue={d.flag ?? ""}
                placeholder={t("flags.all")}
                options={flagKinds.map((k) => ({ value: k, label: `${t(`flags.${k}.title`)} (${d.flagCounts[k]})` }))}
              />
              <FilterActions />
            </Form>
            <DataTable
              label={t("overview.flaggedFirms")}
              columns={flaggedColumns}
              rows={d.flagged}
              empty={{ title: t("flags.none"), body: t("flags.noneBody") }}
              pagination={{ page: d.page, pageSize: d.pageSize, total: d.total }}
            />
          </section>
          <section className="card" aria-labelledby="by-segment">
            <h2 id="by-segment">{t("overview.bySegment")}</h2>
            <GroupTable rows={d.bySegment} label={t("overview.bySegment")} translateKey={(k) => t(`segments.${k}`)} />
          </section>
          <section className="card" aria-labelledby="by-village">
            <h2 id="by-village">{t("overview.byVillage")}</h2>
            <GroupTable rows={d.byVillage} label={t("overview.byVillage")} />
          </section>
        </>
      )}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../components/fields";
import { FlagList, Svg, figure, pct } from "../components/monitoring";
import { Badge, EmptyState, FilterActions, PageHeader, Pagination } from "../components/ui";
import { formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { flagKinds, type FlagKind } from "../modules/monitoring/constants";
import { FLAGGED_PAGE_SIZE, flaggedFirms, monitoringSnapshot, overviewCharts, type GroupRow } from "../modules/monitoring/monitoring.server";

export const meta: MetaFunction = () => [{ title: "产业监测 Industry monitoring" }];

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
    flagged: flagged.rows.map((f) => ({ id: f.id, name: f.name, village: f.village, segment: f.segment, cls: f.cls, indexYoy: f.activity.indexYoy, flags: f.flags })),
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
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t("overview.group")}</th>
            <th scope="col" className="num">{t("overview.firms")}</th>
            <th scope="col" className="num">{t("overview.kwh")}</th>
            <th scope="col" className="num">{t("overview.indexYoy")}</th>
            <th scope="col" className="num">{t("overview.indexTrailing")}</th>
            <th scope="col" className="num">{t("overview.tax")}</th>
            <th scope="col" className="num">{t("overview.employees")}</th>
            <th scope="col">{t("overview.prosperity")}</th>
            <th scope="col" className="num">{t("overview.flagged")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{translateKey ? translateKey(r.key) : r.key}</th>
              <td className="num">{r.firms}</td>
              <td className="num">{figure(r.kwh, lng)}</td>
              <td className="num">{figure(r.indexYoy, lng)}</td>
              <td className="num">{figure(r.indexTrailing, lng)}</td>
              <td className="num">{formatMoney(r.taxFen, lng)}</td>
              <td className="num">{figure(r.employees, lng)}</td>
              <td className="small">
                {t("classes.growing")} {r.growing} · {t("classes.steady")} {r.steady} · {t("classes.shrinking")} {r.shrinking}
              </td>
              <td className="num">{r.flagged}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function MonitoringOverview() {
  const { t } = useTranslation("monitoring");
  const d = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={t("overview.title")}
        lead={t("overview.lead", { month: d.month })}
        actions={
          <>
            <Link to="/monitoring/meters" className="btn btn--ghost btn--small">{t("overview.meters")}</Link>
            <Link to="/monitoring/buildings" className="btn btn--ghost btn--small">{t("overview.buildings")}</Link>
            <Link to="/monitoring/alarms" className="btn btn--ghost btn--small">{t("overview.alarms")}</Link>
            <Link to="/monitoring/import" className="btn btn--ghost btn--small">{t("overview.import")}</Link>
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
              <div className="stat"><span className="stat__value">{pct(d.prosperity.growingPct, lng)}</span> <Badge tone="success">{t("classes.growing")}</Badge> <span className="muted small">{d.prosperity.growing}</span></div>
              <div className="stat"><span className="stat__value">{pct(d.prosperity.steadyPct, lng)}</span> <Badge tone="info">{t("classes.steady")}</Badge> <span className="muted small">{d.prosperity.steady}</span></div>
              <div className="stat"><span className="stat__value">{pct(d.prosperity.shrinkingPct, lng)}</span> <Badge tone="danger">{t("classes.shrinking")}</Badge> <span className="muted small">{d.prosperity.shrinking}</span></div>
            </div>
            <p className="small muted">{t("overview.firmsWithFigures", { count: d.prosperity.total - d.prosperity.unknown, unknown: d.prosperity.unknown })}</p>
          </section>
          <div className="grid-2">
            <Svg title={t("overview.kwhBySegment")} svg={d.charts.kwh} />
            <Svg title={t("overview.prosperityOverTime")} svg={d.charts.prosperity} />
          </div>
          <section className="card" aria-labelledby="flagged">
            <h2 id="flagged">{t("overview.flaggedFirms")} ({d.total})</h2>
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
            {d.flagged.length === 0 ? (
              <EmptyState title={t("flags.none")}>{t("flags.noneBody")}</EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("overview.enterprise")}</th>
                      <th scope="col">{t("overview.village")}</th>
                      <th scope="col">{t("overview.segment")}</th>
                      <th scope="col" className="num">{t("overview.indexYoy")}</th>
                      <th scope="col">{t("overview.flags")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.flagged.map((f) => (
                      <tr key={f.id}>
                        <td><Link to={`/monitoring/enterprises/${f.id}`}>{f.name}</Link></td>
                        <td>{f.village}</td>
                        <td>{t(`segments.${f.segment}`)}</td>
                        <td className="num">{figure(f.indexYoy, lng)}</td>
                        <td><FlagList flags={f.flags} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
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

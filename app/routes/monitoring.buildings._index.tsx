import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { Badge, EmptyState, FilterActions, PageHeader, Pagination } from "../components/ui";
import { formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { filingStatuses, type FilingStatus } from "../modules/monitoring/constants";
import { BUILDINGS_PAGE_SIZE, listBuildings } from "../modules/monitoring/buildings.server";

export const meta: MetaFunction = () => [{ title: "租赁厂房 Factory buildings" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.view");
  const url = new URL(request.url);
  const rawFiling = url.searchParams.get("filing");
  const filing = (filingStatuses as readonly string[]).includes(rawFiling ?? "") ? (rawFiling as FilingStatus) : undefined;
  // eslint-disable-next-line no-control-regex
  const q = (url.searchParams.get("q") ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 50) || undefined;
  const page = pageFromUrl(request.url);
  const result = await listBuildings({ filing, q }, page);
  return { ...result, page, pageSize: BUILDINGS_PAGE_SIZE, filing: filing ?? "", q: q ?? "" };
}

const filingTone = { filed: "success", pending: "warn", expired: "danger" } as const;

export default function Buildings() {
  const { t } = useTranslation("monitoring");
  const d = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={t("buildings.title")}
        lead={t("buildings.lead", { buildings: d.figures.buildings, filed: d.figures.filed, deposits: d.figures.depositsPaid, amount: formatMoney(d.figures.depositFen, lng), open: d.figures.openAlarms })}
        actions={
          <>
            <Link to="/monitoring/alarms" className="btn btn--ghost btn--small">{t("overview.alarms")}</Link>
            <Link to="/monitoring" className="btn btn--ghost btn--small">{t("firm.back")}</Link>
          </>
        }
      />
      <Form method="get" className="form form--inline filters">
        <TextField label={t("buildings.search")} name="q" defaultValue={d.q} maxLength={50} />
        <SelectField label={t("buildings.filing")} name="filing" defaultValue={d.filing} placeholder={t("alarms.all")} options={filingStatuses.map((s) => ({ value: s, label: t(`buildings.filingStatus.${s}`) }))} />
        <FilterActions />
      </Form>
      {d.rows.length === 0 ? (
        <EmptyState title={t("buildings.empty")}>{t("buildings.emptyBody")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("buildings.code")}</th>
                <th scope="col">{t("buildings.name")}</th>
                <th scope="col">{t("buildings.village")}</th>
                <th scope="col" className="num">{t("buildings.floors")}</th>
                <th scope="col" className="num">{t("buildings.tenants")}</th>
                <th scope="col" className="num">{t("buildings.passages")}</th>
                <th scope="col">{t("buildings.filing")}</th>
                <th scope="col">{t("buildings.deposit")}</th>
                <th scope="col" className="num">{t("buildings.alarms")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((b) => (
                <tr key={b.id}>
                  <td className="mono">{b.code}</td>
                  <td><Link to={`/monitoring/buildings/${b.id}`}>{b.name}</Link></td>
                  <td>{b.village}</td>
                  <td className="num">{b.floors}</td>
                  <td className="num">{b.tenants}</td>
                  <td className="num">{b.passages}</td>
                  <td><Badge tone={filingTone[b.filingStatus]}>{t(`buildings.filingStatus.${b.filingStatus}`)}</Badge></td>
                  <td>
                    {formatMoney(b.depositFen, lng)}{" "}
                    <span className="muted small">
                      {b.depositRefundedOn ? t("buildings.depositState.refunded", { on: b.depositRefundedOn }) : b.depositPaidOn ? t("buildings.depositState.paid", { on: b.depositPaidOn }) : t("buildings.depositState.none")}
                    </span>
                  </td>
                  <td className="num">
                    {b.alarms} {b.openAlarms ? <Badge tone="danger">{b.openAlarms}</Badge> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
    </>
  );
}

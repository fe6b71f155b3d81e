import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { DataTable, type Column } from "../components/data-table";
import { Badge, FilterActions, PageHeader } from "../components/ui";
import { formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { filingStatuses, type FilingStatus } from "../modules/monitoring/constants";
import { BUILDINGS_PAGE_SIZE, listBuildings } from "../modules/monitoring/buildings.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("monitoringBuildings");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.view");
  const url = new URL(request.url);
  const rawFiling = url.searchParams.get("filing");
  const filing = (filingStatuses as readonly string[]).includes(rawFiling ?? "") ? (rawFiling as FilingStatus) : undefined;
  const q =
    (url.searchParams.get("q") ?? "")
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim()
      .slice(0, 50) || undefined;
  const page = pageFromUrl(request.url);
  const result = await listBuildings({ filing, q }, page);
  return { ...result, page, pageSize: BUILDINGS_PAGE_SIZE, filing: filing ?? "", q: q ?? "" };
}

const filingTone = { filed: "success", pending: "warn", expired: "danger" } as const;

export default function Buildings() {
  const { t } = useTranslation("monitoring");
  const d = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const columns: Column<(typeof d.rows)[number]>[] = [
    { key: "code", header: t("buildings.code"), className: "mono", cell: (b) => b.code },
    { key: "name", header: t("buildings.name"), rowHeader: true, cell: (b) => <Link to={`/monitoring/buildings/${b.id}`}>{b.name}</Link> },
    { key: "village", header: t("buildings.village"), cell: (b) => b.village },
    { key: "floors", header: t("buildings.floors"), align: "end", cell: (b) => b.floors },
    { key: "tenants", header: t("buildings.tenants"), align: "end", cell: (b) => b.tenants },
    { key: "passages", header: t("buildings.passages"), align: "end", cell: (b) => b.passages },
    {
      key: "filing",
      header: t("buildings.filing"),
      cell: (b) => <Badge tone={filingTone[b.filingStatus]}>{t(`buildings.filingStatus.${b.filingStatus}`)}</Badge>,
    },
    {
      key: "deposit",
      header: t("buildings.deposit"),
      cell: (b) => (
        <>
          {formatMoney(b.depositFen, lng)}{" "}
          <span className="muted small">
            {b.depositRefundedOn
              ? t("buildings.depositState.refunded", { on: b.depositRefundedOn })
              : b.depositPaidOn
                ? t("buildings.depositState.paid", { on: b.depositPaidOn })
                : t("buildings.depositState.none")}
          </span>
        </>
      ),
    },
    {
      key: "alarms",
      header: t("buildings.alarms"),
      align: "end",
      cell: (b) => (
        <>
          {b.alarms} {b.openAlarms ? <Badge tone="danger">{b.openAlarms}</Badge> : null}
        </>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("buildings.title")}
        lead={t("buildings.lead", {
          buildings: d.figures.buildings,
          filed: d.figures.filed,
          deposits: d.figures.depositsPaid,
          amount: formatMoney(d.figures.depositFen, lng),
          open: d.figures.openAlarms,
        })}
        actions={
          <>
            <Link to="/monitoring/alarms" className="btn btn--ghost btn--small">
              {t("overview.alarms")}
            </Link>
            <Link to="/monitoring" className="btn btn--ghost btn--small">
              {t("firm.back")}
            </Link>
          </>
        }
      />
      <Form method="get" className="form form--inline filters">
        <TextField label={t("buildings.search")} name="q" defaultValue={d.q} maxLength={50} />
        <SelectField
          label={t("buildings.filing")}
          name="filing"
          defaultValue={d.filing}
          placeholder={t("alarms.all")}
          options={filingStatuses.map((s) => ({ value: s, label: t(`buildings.filingStatus.${s}`) }))}
        />
        <FilterActions />
      </Form>
      <DataTable
        label={t("buildings.title")}
        columns={columns}
        rows={d.rows}
        empty={{ title: t("buildings.empty"), body: t("buildings.emptyBody") }}
        pagination={{ page: d.page, pageSize: d.pageSize, total: d.total }}
      />
    </>
  );
}

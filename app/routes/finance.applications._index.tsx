import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { DataTable, type Column } from "../components/data-table";
import { Badge, FilterActions, FilterForm, PageHeader } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { applicationStatuses } from "../modules/finance/constants";
import { applicationFilterSchema, filterFromUrl } from "../modules/finance/forms";
import { listApplications, PAGE_SIZE } from "../modules/finance/finance.server";
import { ApplicationStatusBadge } from "../components/finance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeApplications");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.applications");
  const filter = filterFromUrl(applicationFilterSchema, request.url);
  const page = pageFromUrl(request.url);
  const { rows, total } = await listApplications(actor, filter, page);
  return { rows, total, page, filter, role: actor.role };
}

export default function Applications() {
  const { t } = useTranslation("finance");
  const { rows, total, page, filter, role } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    {
      key: "id",
      header: t("applications.application"),
      rowHeader: true,
      cell: (a) => <Link to={`/finance/applications/${a.id}`}>{t("applications.label", { id: a.id })}</Link>,
    },
    ...(role !== "member" ? [{ key: "enterprise", header: t("needs.enterprise"), cell: (a: Row) => a.enterpriseName }] : []),
    {
      key: "product",
      header: t("applications.product"),
      cell: (a) => (
        <>
          {a.productName} <span className="muted small">· {lng === "zh-CN" ? a.bankZh : a.bankEn}</span>
        </>
      ),
    },
    {
      key: "amount",
      header: t("applications.amount"),
      align: "end",
      cell: (a) => (
        <>
          {formatMoney(a.amountFen, lng)} {a.underLine ? <Badge tone="info">{t("applications.line")}</Badge> : null}
        </>
      ),
    },
    { key: "status", header: t("applications.status"), cell: (a) => <ApplicationStatusBadge status={a.status} /> },
    { key: "updated", header: t("applications.updated"), className: "small", cell: (a) => formatDate(a.updatedAt, lng) },
  ];
  return (
    <>
      <PageHeader
        title={t("applications.title")}
        lead={t(role === "bank" ? "applications.leadBank" : role === "member" ? "applications.leadMember" : "applications.leadStaff")}
      />
      <FilterForm role="search">
        {role !== "member" ? (
          <TextField className="field--search" label={t("needs.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        ) : null}
        <SelectField
          label={t("applications.status")}
          name="status"
          defaultValue={filter.status ?? ""}
          placeholder={t("common:forms.all")}
          options={applicationStatuses.map((s) => ({ value: s, label: t(`applicationStatus.${s}`) }))}
        />
        <FilterActions />
      </FilterForm>
      <DataTable
        label={t("applications.title")}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        empty={{ title: t("applications.empty"), body: t(role === "member" ? "applications.emptyMember" : "applications.emptyBody") }}
        pagination={{ page, pageSize: PAGE_SIZE, total }}
      />
    </>
  );
}

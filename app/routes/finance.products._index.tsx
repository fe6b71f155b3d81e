import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { DataTable, type Column } from "../components/data-table";
import { Badge, FilterActions, FilterForm, PageHeader } from "../components/ui";
import { formatMoney } from "../lib/format";
import { requireAbility } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { productStatuses, productTypes } from "../modules/finance/constants";
import { filterFromUrl, productFilterSchema } from "../modules/finance/forms";
import { listBanks, listProducts, PAGE_SIZE } from "../modules/finance/finance.server";
import { rate } from "../components/finance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeProducts");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAbility(request, "finance.products");
  const filter = filterFromUrl(productFilterSchema, request.url);
  const page = pageFromUrl(request.url);
  const [{ rows, total }, banks] = await Promise.all([listProducts(actor, filter, page), listBanks()]);
  return { rows, total, page, filter, banks, canManage: can(actor, "finance.manageProducts"), canApply: can(actor, "finance.apply") };
}

export default function Products() {
  const { t } = useTranslation("finance");
  const { rows, total, page, filter, banks, canManage, canApply } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const all = t("common:forms.all");
  const sort = filter.sort ?? "rate";
  const dir = filter.dir ?? "asc";
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "name",
      header: t("products.name"),
      sortKey: "name",
      rowHeader: true,
      cell: ({ product: p }) => <Link to={`/finance/products/${p.id}`}>{p.name}</Link>,
    },
    { key: "bank", header: t("products.bank"), cell: (r) => (lng === "zh-CN" ? r.bankZh : r.bankEn) },
    { key: "type", header: t("products.type"), cell: ({ product: p }) => t(`productType.${p.type}`) },
    {
      key: "amount",
      header: t("products.amount"),
      sortKey: "amount",
      align: "end",
      cell: ({ product: p }) => `${formatMoney(p.minAmountFen, lng)} – ${formatMoney(p.maxAmountFen, lng)}`,
    },
    { key: "rate", header: t("products.rate"), sortKey: "rate", align: "end", cell: ({ product: p }) => `${rate(p.minRateBp)} – ${rate(p.maxRateBp)}` },
    { key: "term", header: t("products.term"), cell: ({ product: p }) => t("products.months", { min: p.minTermMonths, max: p.maxTermMonths }) },
    {
      key: "status",
      header: t("products.status"),
      cell: ({ product: p }) => <Badge tone={p.status === "active" ? "success" : "neutral"}>{t(`productStatus.${p.status}`)}</Badge>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("products.title")}
        lead={t("products.lead")}
        actions={
          canManage ? (
            <Link to="/finance/products/new" className="btn">
              {t("products.new")}
            </Link>
          ) : null
        }
      />
      <FilterForm role="search">
        <TextField className="field--search" label={t("products.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        <SelectField
          label={t("products.type")}
          name="type"
          defaultValue={filter.type ?? ""}
          placeholder={all}
          options={productTypes.map((x) => ({ value: x, label: t(`productType.${x}`) }))}
        />
        <SelectField
          label={t("products.bank")}
          name="bank"
          defaultValue={filter.bank ? String(filter.bank) : ""}
          placeholder={all}
          options={banks.map((b) => ({ value: String(b.id), label: lng === "zh-CN" ? b.nameZh : b.nameEn }))}
        />
        {canManage ? (
          <SelectField
            label={t("products.status")}
            name="status"
            defaultValue={filter.status ?? ""}
            placeholder={all}
            options={productStatuses.map((x) => ({ value: x, label: t(`productStatus.${x}`) }))}
          />
        ) : null}
        <FilterActions />
      </FilterForm>
      <DataTable
        label={t("products.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.product.id}
        sort={{ key: sort, dir }}
        empty={{ title: t("products.empty"), body: t("products.emptyBody") }}
        pagination={{ page, pageSize: PAGE_SIZE, total }}
      />
      {canApply ? <p className="muted small">{t("products.applyHint")}</p> : null}
    </>
  );
}

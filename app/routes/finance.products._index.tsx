import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { Badge, EmptyState, FilterActions, PageHeader, Pagination, SortHeader } from "../components/ui";
import { formatMoney } from "../lib/format";
import { requireAbility } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { productStatuses, productTypes } from "../modules/finance/constants";
import { filterFromUrl, productFilterSchema } from "../modules/finance/forms";
import { listBanks, listProducts, PAGE_SIZE } from "../modules/finance/finance.server";
import { rate } from "../modules/finance/ui";

export const meta: MetaFunction = () => [{ title: "信贷产品超市 Credit products" }];

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
  return (
    <>
      <PageHeader title={t("products.title")} lead={t("products.lead")} actions={canManage ? <Link to="/finance/products/new" className="btn">{t("products.new")}</Link> : null} />
      <Form method="get" className="filters" role="search">
        <TextField className="field--search" label={t("products.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        <SelectField label={t("products.type")} name="type" defaultValue={filter.type ?? ""} placeholder={all} options={productTypes.map((x) => ({ value: x, label: t(`productType.${x}`) }))} />
        <SelectField label={t("products.bank")} name="bank" defaultValue={filter.bank ? String(filter.bank) : ""} placeholder={all} options={banks.map((b) => ({ value: String(b.id), label: lng === "zh-CN" ? b.nameZh : b.nameEn }))} />
        {canManage ? <SelectField label={t("products.status")} name="status" defaultValue={filter.status ?? ""} placeholder={all} options={productStatuses.map((x) => ({ value: x, label: t(`productStatus.${x}`) }))} /> : null}
        <FilterActions />
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t("products.empty")}>{t("products.emptyBody")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col"><SortHeader field="name" label={t("products.name")} sort={sort} dir={dir} /></th>
                <th scope="col">{t("products.bank")}</th>
                <th scope="col">{t("products.type")}</th>
                <th scope="col"><SortHeader field="amount" label={t("products.amount")} sort={sort} dir={dir} /></th>
                <th scope="col"><SortHeader field="rate" label={t("products.rate")} sort={sort} dir={dir} /></th>
                <th scope="col">{t("products.term")}</th>
                <th scope="col">{t("products.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ product: p, bankZh, bankEn }) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/finance/products/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{lng === "zh-CN" ? bankZh : bankEn}</td>
                  <td>{t(`productType.${p.type}`)}</td>
                  <td>
                    {formatMoney(p.minAmountFen, lng)} – {formatMoney(p.maxAmountFen, lng)}
                  </td>
                  <td>
                    {rate(p.minRateBp)} – {rate(p.maxRateBp)}
                  </td>
                  <td>{t("products.months", { min: p.minTermMonths, max: p.maxTermMonths })}</td>
                  <td>
                    <Badge tone={p.status === "active" ? "success" : "neutral"}>{t(`productStatus.${p.status}`)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
      {canApply ? <p className="muted small">{t("products.applyHint")}</p> : null}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { Badge, EmptyState, FilterActions, PageHeader, Pagination } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { applicationStatuses } from "../modules/finance/constants";
import { applicationFilterSchema, filterFromUrl } from "../modules/finance/forms";
import { listApplications, PAGE_SIZE } from "../modules/finance/finance.server";
import { ApplicationStatusBadge } from "../modules/finance/ui";

export const meta: MetaFunction = () => [{ title: "贷款申请 Loan applications" }];

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
  return (
    <>
      <PageHeader title={t("applications.title")} lead={t(role === "bank" ? "applications.leadBank" : role === "member" ? "applications.leadMember" : "applications.leadStaff")} />
      <Form method="get" className="filters" role="search">
        {role !== "member" ? <TextField className="field--search" label={t("needs.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} /> : null}
        <SelectField label={t("applications.status")} name="status" defaultValue={filter.status ?? ""} placeholder={t("common:forms.all")} options={applicationStatuses.map((s) => ({ value: s, label: t(`applicationStatus.${s}`) }))} />
        <FilterActions />
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t("applications.empty")}>{t(role === "member" ? "applications.emptyMember" : "applications.emptyBody")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("applications.application")}</th>
                {role !== "member" ? <th scope="col">{t("needs.enterprise")}</th> : null}
                <th scope="col">{t("applications.product")}</th>
                <th scope="col">{t("applications.amount")}</th>
                <th scope="col">{t("applications.status")}</th>
                <th scope="col">{t("applications.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/finance/applications/${a.id}`}>{t("applications.label", { id: a.id })}</Link></td>
                  {role !== "member" ? <td>{a.enterpriseName}</td> : null}
                  <td>
                    {a.productName} <span className="muted small">· {lng === "zh-CN" ? a.bankZh : a.bankEn}</span>
                  </td>
                  <td>
                    {formatMoney(a.amountFen, lng)} {a.underLine ? <Badge tone="info">{t("applications.line")}</Badge> : null}
                  </td>
                  <td><ApplicationStatusBadge status={a.status} /></td>
                  <td className="small">{formatDate(a.updatedAt, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </>
  );
}

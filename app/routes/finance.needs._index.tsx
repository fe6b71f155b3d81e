import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextField } from "../components/fields";
import { EmptyState, FilterActions, PageHeader, Pagination, SortHeader } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { needPurposes, needStatuses } from "../modules/finance/constants";
import { filterFromUrl, needFilterSchema } from "../modules/finance/forms";
import { listNeeds, PAGE_SIZE } from "../modules/finance/finance.server";
import { FlagBadge, NeedStatusBadge, rate } from "../modules/finance/ui";

export const meta: MetaFunction = () => [{ title: "融资需求 Financing needs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.needs");
  const filter = filterFromUrl(needFilterSchema, request.url);
  const page = pageFromUrl(request.url);
  const { rows, total } = await listNeeds(actor, filter, page);
  return { rows, total, page, filter, role: actor.role, canPost: can(actor, "finance.postNeed"), canImport: can(actor, "finance.importNeeds") };
}

export default function Needs() {
  const { t } = useTranslation("finance");
  const { rows, total, page, filter, role, canPost, canImport } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const all = t("common:forms.all");
  const sort = filter.sort ?? "created";
  const dir = filter.dir ?? (sort === "neededBy" ? "asc" : "desc");
  const bank = role === "bank";
  return (
    <>
      <PageHeader
        title={t("needs.title")}
        lead={t(bank ? "needs.leadBank" : role === "member" ? "needs.leadMember" : "needs.leadStaff")}
        actions={
          <>
            {canPost ? <Link to="/finance/needs/new" className="btn">{t("needs.post")}</Link> : null}
            {canImport ? <Link to="/finance/needs/import" className="btn btn--ghost">{t("import.title")}</Link> : null}
          </>
        }
      />
      <Form method="get" className="filters" role="search">
        {role !== "member" ? <TextField className="field--search" label={t("needs.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} /> : null}
        <SelectField label={t("needs.status")} name="status" defaultValue={filter.status ?? ""} placeholder={all} options={needStatuses.map((s) => ({ value: s, label: t(`needStatus.${s}`) }))} />
        <SelectField label={t("needs.purpose")} name="purpose" defaultValue={filter.purpose ?? ""} placeholder={all} options={needPurposes.map((s) => ({ value: s, label: t(`purpose.${s}`) }))} />
        <CheckboxField label={t("needs.flaggedOnly")} name="flagged" value="1" defaultChecked={filter.flagged === "1"} />
        {role !== "member" ? <CheckboxField label={t(bank ? "needs.claimedByUs" : "needs.myPortfolio")} name="mine" value="1" defaultChecked={filter.mine === "1"} /> : null}
        <FilterActions />
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t("needs.empty")}>{t(bank ? "needs.emptyBank" : role === "member" ? "needs.emptyMember" : "needs.emptyStaff")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("needs.need")}</th>
                {role !== "member" ? <th scope="col">{t("needs.enterprise")}</th> : null}
                <th scope="col"><SortHeader field="amount" label={t("needs.amount")} sort={sort} dir={dir} /></th>
                <th scope="col">{t("needs.purpose")}</th>
                <th scope="col">{t("needs.termRate")}</th>
                <th scope="col"><SortHeader field="neededBy" label={t("needs.neededBy")} sort={sort} dir={dir} /></th>
                {bank ? <th scope="col">{t("needs.score")}</th> : null}
                <th scope="col">{t("needs.status")}</th>
                <th scope="col"><SortHeader field="created" label={t("needs.posted")} sort={sort} dir={dir} /></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr key={n.id}>
                  <td><Link to={`/finance/needs/${n.id}`}>{t("needs.label", { id: n.id })}</Link></td>
                  {role !== "member" ? <td>{n.enterpriseName}</td> : null}
                  <td>{formatMoney(n.amountFen, lng)}</td>
                  <td>{t(`purpose.${n.purpose}`)}</td>
                  <td>{t("needs.termRateValue", { months: n.termMonths, rate: rate(n.maxRateBp) })}</td>
                  <td>{formatDate(n.neededBy, lng)}</td>
                  {bank ? <td>{n.bankScore ?? "—"}</td> : null}
                  <td><NeedStatusBadge status={n.status} /> <FlagBadge flag={n.flag} /></td>
                  <td className="small">{formatDate(n.createdAt, lng)}</td>
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

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextField } from "../components/fields";
import { DataTable, type Column } from "../components/data-table";
import { FilterActions, FilterForm, PageHeader } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { needPurposes, needStatuses } from "../modules/finance/constants";
import { filterFromUrl, needFilterSchema } from "../modules/finance/forms";
import { listNeeds, PAGE_SIZE } from "../modules/finance/finance.server";
import { FlagBadge, NeedStatusBadge, rate } from "../components/finance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeNeeds");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.needs");
  const filter = filterFromUrl(needFilterSchema, request.url);
  const page = pageFromUrl(request.url);
  const list = await listNeeds(actor, filter, page);
  // Only what the table shows goes into the page's data (it is serialised into every response).
  const rows = list.rows.map((n) => ({
    id: n.id,
    enterpriseName: n.enterpriseName,
    amountFen: n.amountFen,
    purpose: n.purpose,
    termMonths: n.termMonths,
    maxRateBp: n.maxRateBp,
    neededBy: n.neededBy,
    bankScore: n.bankScore,
    status: n.status,
    flag: n.flag,
    createdAt: n.createdAt,
  }));
  return { rows, total: list.total, page, filter, role: actor.role, canPost: can(actor, "finance.postNeed"), canImport: can(actor, "finance.importNeeds") };
}

export default function Needs() {
  const { t } = useTranslation("finance");
  const { rows, total, page, filter, role, canPost, canImport } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const all = t("common:forms.all");
  const sort = filter.sort ?? "created";
  const dir = filter.dir ?? (sort === "neededBy" ? "asc" : "desc");
  const bank = role === "bank";
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { key: "id", header: t("needs.need"), rowHeader: true, cell: (n) => <Link to={`/finance/needs/${n.id}`}>{t("needs.label", { id: n.id })}</Link> },
    ...(role !== "member" ? [{ key: "enterprise", header: t("needs.enterprise"), cell: (n: Row) => n.enterpriseName }] : []),
    { key: "amount", header: t("needs.amount"), sortKey: "amount", align: "end", cell: (n) => formatMoney(n.amountFen, lng) },
    { key: "purpose", header: t("needs.purpose"), cell: (n) => t(`purpose.${n.purpose}`) },
    { key: "termRate", header: t("needs.termRate"), cell: (n) => t("needs.termRateValue", { months: n.termMonths, rate: rate(n.maxRateBp) }) },
    { key: "neededBy", header: t("needs.neededBy"), sortKey: "neededBy", cell: (n) => formatDate(n.neededBy, lng) },
    ...(bank ? [{ key: "score", header: t("needs.score"), align: "end" as const, cell: (n: Row) => n.bankScore ?? "—" }] : []),
    {
      key: "status",
      header: t("needs.status"),
      cell: (n) => (
        <>
          <NeedStatusBadge status={n.status} /> <FlagBadge flag={n.flag} />
        </>
      ),
    },
    { key: "created", header: t("needs.posted"), sortKey: "created", className: "small", cell: (n) => formatDate(n.createdAt, lng) },
  ];
  return (
    <>
      <PageHeader
        title={t("needs.title")}
        lead={t(bank ? "needs.leadBank" : role === "member" ? "needs.leadMember" : "needs.leadStaff")}
        actions={
          <>
            {canPost ? (
              <Link to="/finance/needs/new" className="btn">
                {t("needs.post")}
              </Link>
            ) : null}
            {canImport ? (
              <Link to="/finance/needs/import" className="btn btn--ghost">
                {t("import.title")}
              </Link>
            ) : null}
          </>
        }
      />
      <FilterForm role="search">
        {role !== "member" ? (
          <TextField className="field--search" label={t("needs.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        ) : null}
        <SelectField
          label={t("needs.status")}
          name="status"
          defaultValue={filter.status ?? ""}
          placeholder={all}
          options={needStatuses.map((s) => ({ value: s, label: t(`needStatus.${s}`) }))}
        />
        <SelectField
          label={t("needs.purpose")}
          name="purpose"
          defaultValue={filter.purpose ?? ""}
          placeholder={all}
          options={needPurposes.map((s) => ({ value: s, label: t(`purpose.${s}`) }))}
        />
        <CheckboxField label={t("needs.flaggedOnly")} name="flagged" value="1" defaultChecked={filter.flagged === "1"} />
        {role !== "member" ? (
          <CheckboxField label={t(bank ? "needs.claimedByUs" : "needs.myPortfolio")} name="mine" value="1" defaultChecked={filter.mine === "1"} />
        ) : null}
        <FilterActions />
      </FilterForm>
      <DataTable
        label={t("needs.title")}
        columns={columns}
        rows={rows}
        rowKey={(n) => n.id}
        sort={{ key: sort, dir }}
        empty={{ title: t("needs.empty"), body: t(bank ? "needs.emptyBank" : role === "member" ? "needs.emptyMember" : "needs.emptyStaff") }}
        pagination={{ page, pageSize: PAGE_SIZE, total }}
      />
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { DataTable, type Column } from "../components/data-table";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { labourPostKinds, labourSkills, type LabourPostKind, type LabourSkill } from "../modules/labour/constants";
import { CheckboxField, SelectField } from "../components/fields";
import { LabourKindBadge, LabourStatusBadge, SkillList } from "../components/labour/ui";
import { FilterForm, PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { can } from "../lib/permissions";
import { pageFromUrl } from "../lib/pagination";
import { LABOUR_PAGE_SIZE, listLabourPosts, placementTotals } from "../modules/labour/labour.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("labourExchange");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "labour.view");
  const url = new URL(request.url);
  const kind = labourPostKinds.includes(url.searchParams.get("kind") as LabourPostKind) ? (url.searchParams.get("kind") as LabourPostKind) : null;
  const skill = labourSkills.includes(url.searchParams.get("skill") as LabourSkill) ? (url.searchParams.get("skill") as LabourSkill) : null;
  const rawStatus = url.searchParams.get("status");
  const status = rawStatus === "closed" || rawStatus === "any" ? (rawStatus === "any" ? null : "closed") : "open";
  const mine = url.searchParams.get("mine") === "on";
  const page = pageFromUrl(url);
  const { rows, total } = await listLabourPosts(actor, { kind, skill, status, mine, page });
  return {
    rows,
    total,
    page,
    pageSize: LABOUR_PAGE_SIZE,
    filters: { kind, skill, status: rawStatus === "any" ? "any" : status, mine },
    totals: await placementTotals(),
    canPost: can(actor, "labour.post"),
  };
}

export default function LabourExchangePage() {
  const { t } = useTranslation("labour");
  const { rows, total, page, pageSize, filters, totals, canPost } = useLoaderData<typeof loader>();
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "kind", header: t("fields.kind"), cell: (p) => <LabourKindBadge kind={p.kind} /> },
    { key: "enterprise", header: t("fields.enterprise"), cell: (p) => <Link to={`/labour-exchange/${p.id}`}>{p.enterpriseName}</Link> },
    { key: "skills", header: t("fields.skills"), cell: (p) => <SkillList skills={p.skills} /> },
    { key: "headcount", header: t("fields.headcount"), align: "end", cell: (p) => t("list.remainingOf", { remaining: p.remaining, headcount: p.headcount }) },
    { key: "period", header: t("fields.period"), className: "small", cell: (p) => `${p.periodStart} – ${p.periodEnd}` },
    { key: "location", header: t("fields.location"), cell: (p) => p.location },
    { key: "status", header: t("fields.status"), cell: (p) => <LabourStatusBadge status={p.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("list.title")}
        lead={t("list.lead")}
        actions={
          canPost ? (
            <Link className="btn" to="/labour-exchange/new">
              {t("list.new")}
            </Link>
          ) : null
        }
      />
      <div className="grid">
        <div className="stat">
          <div className="stat__value">{totals.peoplePlaced}</div>
          <div className="stat__label">{t("totals.peoplePlaced")}</div>
        </div>
        <div className="stat">
          <div className="stat__value">{totals.placements}</div>
          <div className="stat__label">{t("totals.placements")}</div>
        </div>
        <div className="stat">
          <div className="stat__value">{totals.openSurplus}</div>
          <div className="stat__label">{t("totals.openSurplus")}</div>
        </div>
        <div className="stat">
          <div className="stat__value">{totals.openShortage}</div>
          <div className="stat__label">{t("totals.openShortage")}</div>
        </div>
      </div>
      <FilterForm className="labour-filters">
        <SelectField
          label={t("fields.kind")}
          name="kind"
          defaultValue={filters.kind ?? ""}
          placeholder={t("common:forms.all")}
          options={labourPostKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <SelectField
          label={t("fields.skill")}
          name="skill"
          defaultValue={filters.skill ?? ""}
          placeholder={t("common:forms.all")}
          options={labourSkills.map((s) => ({ value: s, label: t(`skills.${s}`) }))}
        />
        <SelectField
          label={t("fields.status")}
          name="status"
          defaultValue={filters.status ?? "open"}
          options={[
            { value: "open", label: t("status.open") },
            { value: "closed", label: t("status.closed") },
            { value: "any", label: t("common:forms.all") },
          ]}
        />
        {canPost ? <CheckboxField label={t("list.mine")} name="mine" defaultChecked={filters.mine} /> : null}
        <button type="submit" className="btn btn--ghost">
          {t("common:forms.filter")}
        </button>
      </FilterForm>
      <DataTable
        label={t("list.title")}
        columns={columns}
        rows={rows}
        empty={{ title: t("list.empty"), body: canPost ? <Link to="/labour-exchange/new">{t("list.new")}</Link> : t("list.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}

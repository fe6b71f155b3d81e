import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../components/members/status";
import { DataTable, type Column } from "../components/data-table";
import { SelectField, TextField } from "../components/fields";
import { Badge, ConfirmAction, FilterActions, FilterForm, ListLink, PageHeader } from "../components/ui";
import { formatMoney } from "../lib/format";
import { redirectWithFlash } from "../lib/flash.server";
import { requireAbility, requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { listAssociations } from "../modules/members/join.server";
import { listEnterprises, MEMBERS_PAGE_SIZE, villages } from "../modules/members/members.server";
import { memberListQueryFrom, membershipStatuses, membershipTypes, segments } from "../modules/members/forms";
import { runMembershipSweep } from "../modules/members/sweep.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("members");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "members.view");
  const query = memberListQueryFrom(request.url);
  const page = pageFromUrl(request.url);
  const [{ rows, total }, associations, villageList] = await Promise.all([listEnterprises(query, page), listAssociations(), villages()]);
  return { rows, total, page, pageSize: MEMBERS_PAGE_SIZE, query, associations, villages: villageList };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "members.manage");
  const form = await request.formData();
  if (form.get("intent") !== "sweep") return data({ error: "forms.invalid" }, { status: 400 });
  const sweep = await runMembershipSweep(new Date(), actor);
  // Back to the same filtered list (the form posted to "/members?index&…").
  const search = new URL(request.url).searchParams;
  search.delete("index");
  const values = { lapsed: sweep.lapsed, reminders: sweep.reminders.due_soon + sweep.reminders.overdue + sweep.reminders.lapsed, dues: sweep.duesCreated };
  throw redirectWithFlash(`/members${search.size ? `?${search}` : ""}`, "members:flash.swept", request, values);
}

export default function MembersPage() {
  const { t } = useTranslation("members");
  const { rows, total, page, pageSize, query, associations, villages } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const location = useLocation();
  const sort = query.sort ?? "name";
  const dir = query.dir ?? "asc";
  const exportParams = new URLSearchParams(location.search);
  exportParams.delete("page");
  const assocName = (a: { nameZh: string; nameEn: string }) => (lng === "en" ? a.nameEn : a.nameZh);
  const all = t("common:forms.all");
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "name",
      header: t("fields.name"),
      sortKey: "name",
      cell: (r) => (
        <>
          <ListLink to={`/members/${r.id}`}>{r.name}</ListLink> {r.aboveSize ? <Badge tone="info">{t("aboveSizeShort")}</Badge> : null}
        </>
      ),
    },
    { key: "creditCode", header: t("fields.creditCode"), sortKey: "creditCode", className: "mono", cell: (r) => r.creditCode },
    { key: "village", header: t("fields.village"), sortKey: "village", cell: (r) => r.village },
    { key: "segment", header: t("fields.segment"), cell: (r) => t(`segments.${r.segment}`) },
    {
      key: "employees",
      header: t("fields.employees"),
      sortKey: "employees",
      align: "end",
      cell: (r) => r.employees ?? <span className="muted">{t("fields.notGiven")}</span>,
    },
    {
      key: "output",
      header: t("fields.annualOutput"),
      sortKey: "output",
      align: "end",
      cell: (r) => (r.annualOutputFen === null ? <span className="muted">{t("fields.notGiven")}</span> : formatMoney(r.annualOutputFen, lng)),
    },
    {
      key: "memberships",
      header: t("fields.memberships"),
      cell: (r) => (
        <ul className="plain">
          {r.memberships.map((m) => (
            <li key={m.id}>
              {lng === "en" ? m.associationEn : m.associationZh} · {t(`types.${m.type}`)} <StatusBadge status={m.status} />
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("list.title")}
        lead={t("list.lead")}
        actions={
          <>
            <Link className="btn btn--small" to="/members/applications">
              {t("list.applications")}
            </Link>
            <Link className="btn btn--small btn--ghost" to="/members/import">
              {t("list.import")}
            </Link>
            <a className="btn btn--small btn--ghost" href={`/members/export?${exportParams}`} download>
              {t("list.export")}
            </a>
            <ConfirmAction label={t("sweep.run")} question={t("sweep.question")} confirmLabel={t("sweep.confirm")} intent="sweep" />
          </>
        }
      />
      <FilterForm className="card" role="search">
        <TextField
          id="q"
          className="field--search"
          label={t("list.search")}
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder={t("list.searchHint")}
        />
        <SelectField
          id="f-association"
          label={t("fields.association")}
          name="association"
          defaultValue={query.association ? String(query.association) : ""}
          placeholder={all}
          options={associations.map((a) => ({ value: String(a.id), label: assocName(a) }))}
        />
        <SelectField
          id="f-status"
          label={t("fields.status")}
          name="status"
          defaultValue={query.status ?? ""}
          placeholder={all}
          options={membershipStatuses.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
        />
        <SelectField
          id="f-type"
          label={t("fields.type")}
          name="type"
          defaultValue={query.type ?? ""}
          placeholder={all}
          options={membershipTypes.map((s) => ({ value: s, label: t(`types.${s}`) }))}
        />
        <SelectField
          id="f-segment"
          label={t("fields.segment")}
          name="segment"
          defaultValue={query.segment ?? ""}
          placeholder={all}
          options={segments.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
        />
        <SelectField
          id="f-above"
          label={t("fields.aboveSize")}
          name="aboveSize"
          defaultValue={query.aboveSize ?? ""}
          placeholder={all}
          options={[
            { value: "yes", label: t("common:forms.yes") },
            { value: "no", label: t("common:forms.no") },
          ]}
        />
        <SelectField
          id="f-village"
          label={t("fields.village")}
          name="village"
          defaultValue={query.village ?? ""}
          placeholder={all}
          options={villages.map((v) => ({ value: v, label: v }))}
        />
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <FilterActions />
      </FilterForm>
      <DataTable
        label={t("list.title")}
        columns={columns}
        rows={rows}
        sort={{ key: sort, dir }}
        empty={{ title: t("list.empty"), body: t("list.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}

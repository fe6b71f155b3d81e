import { DataTable, type Column } from "../components/data-table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { Badge, FilterActions, FilterForm, PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { queryValues } from "../lib/validation";
import { formatDate } from "../lib/format";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { roles } from "../modules/accounts/constants";
import { userListQuery } from "../modules/admin/forms";
import { listUsers, USERS_PAGE_SIZE } from "../modules/admin/users.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("adminUsers");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "admin.users");
  const url = new URL(request.url);
  const query = userListQuery.parse(queryValues(url));
  const page = pageFromUrl(url);
  const { rows, total } = await listUsers(query, page);
  return { rows, total, page, query, pageSize: USERS_PAGE_SIZE };
}

export default function AdminUsersPage() {
  const { t } = useTranslation(["admin", "common"]);
  const { rows, total, page, pageSize, query } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "name", header: t("admin:users.name"), cell: (u) => <Link to={`/admin/users/${encodeURIComponent(u.id)}`}>{u.displayName}</Link> },
    { key: "email", header: t("admin:users.email"), cell: (u) => u.email },
    { key: "role", header: t("admin:users.role"), cell: (u) => t(`common:roles.${u.role}`) },
    {
      key: "organisation",
      header: t("admin:users.organisation"),
      cell: (u) => (lng === "en" ? (u.departmentEn ?? u.bankEn) : (u.departmentZh ?? u.bankZh)) ?? "",
    },
    {
      key: "status",
      header: t("admin:users.status"),
      cell: (u) => (u.disabledAt ? <Badge tone="danger">{t("admin:users.disabled")}</Badge> : <Badge tone="success">{t("admin:users.active")}</Badge>),
    },
    { key: "created", header: t("admin:users.created"), cell: (u) => formatDate(u.createdAt, lng) },
  ];
  return (
    <>
      <PageHeader
        title={t("admin:users.title")}
        lead={t("admin:users.lead")}
        actions={
          <Link className="btn" to="/admin/users/new">
            {t("admin:users.new")}
          </Link>
        }
      />
      <FilterForm role="search">
        <TextField label={t("admin:users.search")} name="q" defaultValue={query.q} maxLength={100} />
        <SelectField
          label={t("admin:users.role")}
          name="role"
          defaultValue={query.role}
          placeholder={t("common:forms.all")}
          options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        />
        <SelectField
          label={t("admin:users.status")}
          name="status"
          defaultValue={query.status}
          placeholder={t("common:forms.all")}
          options={[
            { value: "active", label: t("admin:users.active") },
            { value: "disabled", label: t("admin:users.disabled") },
          ]}
        />
        <FilterActions />
      </FilterForm>
      <DataTable
        label={t("admin:users.title")}
        columns={columns}
        rows={rows}
        empty={{ title: t("admin:users.empty"), body: t("admin:users.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}

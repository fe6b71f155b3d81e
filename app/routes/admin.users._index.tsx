import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { Badge, EmptyState, FilterActions, PageHeader, Pagination } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { queryValues } from "../lib/validation";
import { formatDate } from "../lib/format";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { roles } from "../modules/accounts/constants";
import { userListQuery } from "../modules/admin/forms";
import { listUsers, USERS_PAGE_SIZE } from "../modules/admin/users.server";

export const meta: MetaFunction = () => [{ title: "用户管理 Users" }];

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
  return (
    <>
      <PageHeader
        title={t("admin:users.title")}
        lead={t("admin:users.lead")}
        actions={<Link className="btn" to="/admin/users/new">{t("admin:users.new")}</Link>}
      />
      <Form method="get" className="filters" role="search">
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
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t("admin:users.empty")}>{t("admin:users.emptyBody")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("admin:users.name")}</th>
                <th>{t("admin:users.email")}</th>
                <th>{t("admin:users.role")}</th>
                <th>{t("admin:users.organisation")}</th>
                <th>{t("admin:users.status")}</th>
                <th>{t("admin:users.created")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${encodeURIComponent(u.id)}`}>{u.displayName}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{t(`common:roles.${u.role}`)}</td>
                  <td>{(lng === "en" ? (u.departmentEn ?? u.bankEn) : (u.departmentZh ?? u.bankZh)) ?? ""}</td>
                  <td>{u.disabledAt ? <Badge tone="danger">{t("admin:users.disabled")}</Badge> : <Badge tone="success">{t("admin:users.active")}</Badge>}</td>
                  <td>{formatDate(u.createdAt, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}

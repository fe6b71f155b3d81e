import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../components/members/status";
import { EmptyState, PageHeader, Pagination } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireAbility } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { APPLICATIONS_PAGE_SIZE, listApplications } from "../modules/members/join.server";

export const meta: MetaFunction = () => [{ title: "入会申请 Applications" }];

const tabs = ["pending", "approved", "rejected"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "joinApplications.decide");
  const raw = new URL(request.url).searchParams.get("status");
  const status = tabs.find((s) => s === raw) ?? "pending";
  const page = pageFromUrl(request.url);
  const { rows, total } = await listApplications(status, page);
  return { rows, total, page, pageSize: APPLICATIONS_PAGE_SIZE, status };
}

export default function ApplicationsPage() {
  const { t } = useTranslation("members");
  const { rows, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader title={t("applications.title")} lead={t("applications.lead")} actions={<Link to="/members" className="btn btn--ghost btn--small">{t("record.back")}</Link>} />
      <nav className="tabs" aria-label={t("applications.tabs")}>
        {tabs.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={s === status ? "page" : undefined} className={s === status ? "tab tab--current" : "tab"}>
            {t(`common:status.${s}`)}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={t("applications.empty")} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("fields.name")}</th>
                <th>{t("fields.creditCode")}</th>
                <th>{t("fields.association")}</th>
                <th>{t("fields.userEmail")}</th>
                <th>{t("applications.submitted")}</th>
                <th>{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/members/applications/${r.id}`}>{r.name}</Link></td>
                  <td className="mono">{r.creditCode}</td>
                  <td>{lng === "en" ? r.associationEn : r.associationZh}</td>
                  <td>{r.applicantEmail}</td>
                  <td>{formatDateTime(r.createdAt, lng)}</td>
                  <td><StatusBadge status={r.status} /></td>
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

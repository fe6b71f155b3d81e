import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../components/members/status";
import { DataTable, type Column } from "../components/data-table";
import { PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireAbility } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { APPLICATIONS_PAGE_SIZE, listApplications } from "../modules/members/join.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("membersApplications");

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
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "name", header: t("fields.name"), cell: (r) => <Link to={`/members/applications/${r.id}`}>{r.name}</Link> },
    { key: "creditCode", header: t("fields.creditCode"), className: "mono", cell: (r) => r.creditCode },
    { key: "association", header: t("fields.association"), cell: (r) => (lng === "en" ? r.associationEn : r.associationZh) },
    { key: "email", header: t("fields.userEmail"), cell: (r) => r.applicantEmail },
    { key: "submitted", header: t("applications.submitted"), cell: (r) => formatDateTime(r.createdAt, lng) },
    { key: "status", header: t("fields.status"), cell: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("applications.title")}
        lead={t("applications.lead")}
        actions={
          <Link to="/members" className="btn btn--ghost btn--small">
            {t("record.back")}
          </Link>
        }
      />
      <nav className="tabs" aria-label={t("applications.tabs")}>
        {tabs.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={s === status ? "page" : undefined} className={s === status ? "tab tab--current" : "tab"}>
            {t(`common:status.${s}`)}
          </Link>
        ))}
      </nav>
      <DataTable
        label={t("applications.title")}
        columns={columns}
        rows={rows}
        empty={{ title: t("applications.empty") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}

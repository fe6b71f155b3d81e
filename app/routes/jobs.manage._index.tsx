import type { LoaderFunctionArgs } from "@remix-run/node";
import { DataTable, type Column } from "../components/data-table";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostingStateBadge } from "../components/jobs/ui";
import { PageHeader } from "../components/ui";
import { can } from "../lib/permissions";
import { formatDate } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { listManagedPostings, MANAGE_PAGE_SIZE } from "../modules/jobs/postings.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("jobsManage");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.manage");
  const url = new URL(request.url);
  const hiddenOnly = url.searchParams.get("hidden") === "1";
  const { rows, total } = await listManagedPostings(actor, pageFromUrl(url), { hiddenOnly });
  return {
    pageSize: MANAGE_PAGE_SIZE,
    rows,
    total,
    page: pageFromUrl(url),
    hiddenOnly,
    canPost: can(actor, "jobs.post"),
    canReview: can(actor, "jobs.reviewApplications"),
    isStaff: can(actor, "jobs.moderate"),
    lng: detectLanguage(request),
  };
}

export default function ManagePage() {
  const { t } = useTranslation("jobs");
  const d = useLoaderData<typeof loader>();
  const columns: Column<(typeof d.rows)[number]>[] = [
    {
      key: "title",
      header: t("fields.title"),
      cell: (r) => (
        <>
          <Link to={`/jobs/${r.id}`}>{r.title}</Link>
          {r.hiddenReason ? <div className="small">{t("manage.hiddenReason", { reason: r.hiddenReason })}</div> : null}
          {d.canPost && r.state !== "closed" ? (
            <div className="small">
              <Link to={`/jobs/manage/${r.id}/edit`} aria-label={`${t("manage.edit")} ${r.title}`}>
                {t("manage.edit")}
              </Link>
            </div>
          ) : null}
        </>
      ),
    },
    ...(d.isStaff ? [{ key: "enterprise", header: t("fields.enterprise"), cell: (r: (typeof d.rows)[number]) => r.enterpriseName }] : []),
    { key: "state", header: t("manage.state"), cell: (r) => <PostingStateBadge state={r.state} /> },
    { key: "headcount", header: t("fields.headcount"), align: "end", cell: (r) => r.headcount },
    {
      key: "applications",
      header: t("manage.applicationsCount"),
      align: "end",
      cell: (r) => (d.canReview ? <Link to={`/jobs/manage/applications?posting=${r.id}`}>{r.applications}</Link> : r.applications),
    },
    { key: "closesOn", header: t("fields.closesOn"), cell: (r) => formatDate(r.closesOn, d.lng) },
  ];
  return (
    <>
      <PageHeader
        title={d.isStaff ? t("manage.staffTitle") : t("manage.title")}
        lead={d.isStaff ? t("manage.staffLead") : t("manage.lead")}
        actions={
          <>
            {d.canPost ? (
              <Link to="/jobs/new" className="btn">
                {t("manage.newPosting")}
              </Link>
            ) : null}{" "}
            {d.canReview ? (
              <Link to="/jobs/manage/applications" className="btn btn--ghost">
                {t("manage.applications")}
              </Link>
            ) : null}
          </>
        }
      />
      {d.isStaff ? (
        <p>{d.hiddenOnly ? <Link to="/jobs/manage">{t("manage.showAll")}</Link> : <Link to="/jobs/manage?hidden=1">{t("manage.showHidden")}</Link>}</p>
      ) : null}
      <DataTable
        label={d.isStaff ? t("manage.staffTitle") : t("manage.title")}
        columns={columns}
        rows={d.rows}
        rowClassName={(r) => (r.hiddenAt ? "is-flagged" : undefined)}
        empty={{ title: t("manage.empty"), body: d.canPost ? t("manage.emptyBody") : undefined }}
        pagination={{ page: d.page, pageSize: d.pageSize, total: d.total }}
      />
    </>
  );
}

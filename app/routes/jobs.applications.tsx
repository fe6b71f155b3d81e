import type { LoaderFunctionArgs } from "@remix-run/node";
import { DataTable, type Column } from "../components/data-table";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationStatusBadge } from "../components/jobs/ui";
import { PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { APPLICATIONS_PAGE_SIZE, listMyApplications } from "../modules/jobs/applications.server";
import { nextStatus } from "../modules/jobs/pipeline";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("jobsApplications");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.myApplications");
  const page = pageFromUrl(request.url);
  const { rows, total } = await listMyApplications(actor, page);
  return { pageSize: APPLICATIONS_PAGE_SIZE, rows, total, page, lng: detectLanguage(request) };
}

export default function MyApplicationsPage() {
  const { t } = useTranslation("jobs");
  const d = useLoaderData<typeof loader>();
  const columns: Column<(typeof d.rows)[number]>[] = [
    { key: "title", header: t("fields.title"), cell: (r) => <Link to={`/jobs/${r.postingId}`}>{r.title}</Link> },
    { key: "enterprise", header: t("fields.enterprise"), cell: (r) => r.enterpriseName },
    {
      key: "status",
      header: t("review.status"),
      cell: (r) => (
        <>
          <ApplicationStatusBadge status={r.status} />
          {r.declineReason ? <div className="small">{t("mine.reason", { reason: r.declineReason })}</div> : null}
          {r.status === "interview" && r.interviewAt ? (
            <div className="small">
              {t("mine.interview", { time: formatDateTime(r.interviewAt, d.lng), place: r.interviewPlace, contact: r.interviewContact })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: "next",
      header: t("mine.next"),
      className: "small",
      cell: (r) => {
        const next = nextStatus(r.status);
        return r.status === "declined" ? t("mine.nextDeclined") : next ? t("mine.nextWaiting", { status: t(`status.${next}`) }) : t("mine.nextDone");
      },
    },
    { key: "updated", header: t("mine.updated"), cell: (r) => formatDateTime(r.updatedAt, d.lng) },
  ];
  return (
    <>
      <PageHeader
        title={t("mine.title")}
        lead={t("mine.lead")}
        actions={
          <Link to="/jobs/profile" className="btn btn--ghost">
            {t("nav.profile")}
          </Link>
        }
      />
      <DataTable
        label={t("mine.title")}
        columns={columns}
        rows={d.rows}
        empty={{
          title: t("mine.empty"),
          body: (
            <p>
              <Link to="/jobs">{t("mine.emptyBody")}</Link>
            </p>
          ),
        }}
        pagination={{ page: d.page, pageSize: d.pageSize, total: d.total }}
      />
    </>
  );
}

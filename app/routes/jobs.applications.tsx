import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationStatusBadge } from "../components/jobs/ui";
import { EmptyState, PageHeader, Pagination } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { APPLICATIONS_PAGE_SIZE, listMyApplications } from "../modules/jobs/applications.server";
import { nextStatus } from "../modules/jobs/pipeline";

export const meta: MetaFunction = () => [{ title: "我的求职申请 My applications" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.myApplications");
  const page = pageFromUrl(request.url);
  const { rows, total } = await listMyApplications(actor, page);
  return { pageSize: APPLICATIONS_PAGE_SIZE, rows, total, page, lng: detectLanguage(request) };
}

export default function MyApplicationsPage() {
  const { t } = useTranslation("jobs");
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("mine.title")} lead={t("mine.lead")} actions={<Link to="/jobs/profile" className="btn btn--ghost">{t("nav.profile")}</Link>} />
      {d.rows.length === 0 ? (
        <EmptyState title={t("mine.empty")}>
          <p>
            <Link to="/jobs">{t("mine.emptyBody")}</Link>
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("fields.title")}</th>
                <th>{t("fields.enterprise")}</th>
                <th>{t("review.status")}</th>
                <th>{t("mine.next")}</th>
                <th>{t("mine.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => {
                const next = nextStatus(r.status);
                return (
                  <tr key={r.id} data-application={r.id}>
                    <td>
                      <Link to={`/jobs/${r.postingId}`}>{r.title}</Link>
                    </td>
                    <td>{r.enterpriseName}</td>
                    <td>
                      <ApplicationStatusBadge status={r.status} />
                      {r.declineReason ? <div className="small">{t("mine.reason", { reason: r.declineReason })}</div> : null}
                    </td>
                    <td className="small">{r.status === "declined" ? t("mine.nextDeclined") : next ? t("mine.nextWaiting", { status: t(`status.${next}`) }) : t("mine.nextDone")}</td>
                    <td>{formatDateTime(r.updatedAt, d.lng)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostingStateBadge } from "../components/jobs/ui";
import { EmptyState, PageHeader, Pagination } from "../components/ui";
import { can } from "../lib/permissions";
import { formatDate } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { listManagedPostings, MANAGE_PAGE_SIZE } from "../modules/jobs/postings.server";

export const meta: MetaFunction = () => [{ title: "岗位管理 Postings" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.manage");
  const url = new URL(request.url);
  const hiddenOnly = url.searchParams.get("hidden") === "1";
  const { rows, total } = await listManagedPostings(actor, pageFromUrl(url), { hiddenOnly });
  return { pageSize: MANAGE_PAGE_SIZE, rows, total, page: pageFromUrl(url), hiddenOnly, canPost: can(actor, "jobs.post"), canReview: can(actor, "jobs.reviewApplications"), isStaff: can(actor, "jobs.moderate"), lng: detectLanguage(request) };
}

export default function ManagePage() {
  const { t } = useTranslation("jobs");
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={d.isStaff ? t("manage.staffTitle") : t("manage.title")}
        lead={d.isStaff ? t("manage.staffLead") : t("manage.lead")}
        actions={
          <>
            {d.canPost ? <Link to="/jobs/new" className="btn">{t("manage.newPosting")}</Link> : null}{" "}
            {d.canReview ? <Link to="/jobs/manage/applications" className="btn btn--ghost">{t("manage.applications")}</Link> : null}
          </>
        }
      />
      {d.isStaff ? (
        <p>
          {d.hiddenOnly ? <Link to="/jobs/manage">{t("manage.showAll")}</Link> : <Link to="/jobs/manage?hidden=1">{t("manage.showHidden")}</Link>}
        </p>
      ) : null}
      {d.rows.length === 0 ? (
        <EmptyState title={t("manage.empty")}>{d.canPost ? <p>{t("manage.emptyBody")}</p> : null}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("fields.title")}</th>
                {d.isStaff ? <th>{t("fields.enterprise")}</th> : null}
                <th>{t("manage.state")}</th>
                <th className="num">{t("fields.headcount")}</th>
                <th className="num">{t("manage.applicationsCount")}</th>
                <th>{t("fields.closesOn")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} className={r.hiddenAt ? "is-flagged" : undefined}>
                  <td>
                    <Link to={`/jobs/${r.id}`}>{r.title}</Link>
                    {r.hiddenReason ? <div className="small">{t("manage.hiddenReason", { reason: r.hiddenReason })}</div> : null}
                    {d.canPost && r.state !== "closed" ? (
                      <div className="small">
                        <Link to={`/jobs/manage/${r.id}/edit`} aria-label={`${t("manage.edit")} ${r.title}`}>{t("manage.edit")}</Link>
                      </div>
                    ) : null}
                  </td>
                  {d.isStaff ? <td>{r.enterpriseName}</td> : null}
                  <td>
                    <PostingStateBadge state={r.state} />
                  </td>
                  <td className="num">{r.headcount}</td>
                  <td className="num">{d.canReview ? <Link to={`/jobs/manage/applications?posting=${r.id}`}>{r.applications}</Link> : r.applications}</td>
                  <td>{formatDate(r.closesOn, d.lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
    </>
  );
}

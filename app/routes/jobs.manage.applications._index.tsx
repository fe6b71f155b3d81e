import type { LoaderFunctionArgs } from "@remix-run/node";
import { DataTable, type Column } from "../components/data-table";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationStatusBadge } from "../components/jobs/ui";
import { SelectField } from "../components/fields";
import { FilterForm, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { APPLICATIONS_PAGE_SIZE, listEnterpriseApplications } from "../modules/jobs/applications.server";
import { applicationStatuses } from "../modules/jobs/constants";
import { parseApplicationsFilter } from "../modules/jobs/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("jobsManageApplications");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.reviewApplications");
  const url = new URL(request.url);
  const { status, postingId } = parseApplicationsFilter(url);
  const page = pageFromUrl(url);
  const { rows, total } = await listEnterpriseApplications(actor, page, { status, postingId });
  return { pageSize: APPLICATIONS_PAGE_SIZE, rows, total, page, status, postingId, lng: detectLanguage(request) };
}

/** The CSV link carries the list's filters (not the page: the file has every row). */
function csvQuery(status: string | null, postingId: number | null): string {
  const q = new URLSearchParams();
  if (status) q.set("status", status);
  if (postingId) q.set("posting", String(postingId));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export default function EnterpriseApplicationsPage() {
  const { t } = useTranslation("jobs");
  const d = useLoaderData<typeof loader>();
  const columns: Column<(typeof d.rows)[number]>[] = [
    { key: "seeker", header: t("review.seeker"), cell: (r) => <Link to={`/jobs/manage/applications/${r.id}`}>{r.seekerName}</Link> },
    { key: "title", header: t("fields.title"), cell: (r) => r.title },
    { key: "status", header: t("review.status"), cell: (r) => <ApplicationStatusBadge status={r.status} /> },
    { key: "appliedAt", header: t("review.appliedAt"), cell: (r) => formatDateTime(r.createdAt, d.lng) },
  ];
  return (
    <>
      <p>
        <Link to="/jobs/manage">← {t("manage.title")}</Link>
      </p>
      <PageHeader
        title={t("review.title")}
        lead={t("review.lead")}
        actions={
          d.total > 0 ? (
            <a className="btn btn--ghost btn--small" href={`/jobs/manage/applications.csv${csvQuery(d.status, d.postingId)}`} download>
              {t("review.exportCsv")}
            </a>
          ) : null
        }
      />
      <FilterForm>
        <SelectField
          label={t("review.status")}
          name="status"
          defaultValue={d.status ?? ""}
          placeholder={t("list.any")}
          options={applicationStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        {d.postingId ? <input type="hidden" name="posting" value={d.postingId} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn">
            {t("list.apply")}
          </button>
        </div>
      </FilterForm>
      <DataTable
        label={t("review.title")}
        columns={columns}
        rows={d.rows}
        empty={{ title: t("review.empty"), body: t("review.emptyBody") }}
        pagination={{ page: d.page, pageSize: d.pageSize, total: d.total }}
      />
    </>
  );
}

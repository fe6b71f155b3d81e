import type { LoaderFunctionArgs } from "@remix-run/node";
import { ListResults } from "../components/data-table";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SalaryRange } from "../components/jobs/ui";
import { FilterForm, PageHeader } from "../components/ui";
import { SelectField, TextField } from "../components/fields";
import { formatDate } from "../lib/format";
import { requireAbility } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { pageFromUrl } from "../lib/pagination";
import { sharePublicPage } from "../lib/public-pages.server";
import { listPublicPostingsCached } from "../modules/jobs/postings.server";
import { educationLevels, JOBS_PAGE_SIZE, jobLocations, jobTypes, salaryFloors } from "../modules/jobs/constants";
import { parseJobSearch } from "../modules/jobs/forms.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("jobs");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireAbility(request, "jobs.view");
  // The list shows only public postings: the same page for every visitor without a session.
  if (!actor) sharePublicPage(context);
  const url = new URL(request.url);
  const search = parseJobSearch(url);
  const page = pageFromUrl(url, 1000);
  const { rows, total } = await listPublicPostingsCached(search, page);
  return { rows, total, page, search, lng: detectLanguage(request) };
}

export default function JobsPage() {
  const { t } = useTranslation("jobs");
  const { rows, total, page, search, lng } = useLoaderData<typeof loader>();
  const location = useLocation();
  const without = (key: string) => {
    const params = new URLSearchParams(location.search);
    params.delete(key);
    params.delete("page");
    return `${location.pathname}?${params}`;
  };
  return (
    <>
      <PageHeader title={t("list.title")} lead={t("list.lead")} />
      <FilterForm key={location.search} role="search" aria-label={t("list.filters")}>
        <TextField
          className="field--search"
          label={t("list.search")}
          name="q"
          type="search"
          defaultValue={search.q}
          maxLength={60}
          placeholder={t("list.searchPlaceholder")}
        />
        <SelectField
          label={t("fields.location")}
          name="location"
          defaultValue={search.location ?? ""}
          placeholder={t("list.any")}
          options={jobLocations.map((l) => ({ value: l, label: l }))}
        />
        <SelectField
          label={t("list.salaryFrom")}
          name="salary"
          defaultValue={search.salary ? String(search.salary) : ""}
          placeholder={t("list.any")}
          options={salaryFloors.map((s) => ({ value: String(s), label: t("list.salaryAtLeast", { amount: s }) }))}
        />
        <SelectField
          label={t("fields.education")}
          name="education"
          defaultValue={search.education ?? ""}
          placeholder={t("list.any")}
          options={educationLevels.map((e) => ({ value: e, label: t(`education.${e}`) }))}
        />
        <SelectField
          label={t("fields.jobType")}
          name="type"
          defaultValue={search.type ?? ""}
          placeholder={t("list.any")}
          options={jobTypes.map((j) => ({ value: j, label: t(`jobType.${j}`) }))}
        />
        <SelectField
          label={t("list.sort")}
          name="sort"
          defaultValue={search.sort}
          options={[
            { value: "newest", label: t("list.sortNewest") },
            { value: "salary", label: t("list.sortSalary") },
          ]}
        />
        {search.enterprise ? <input type="hidden" name="enterprise" value={search.enterprise} /> : null}
        {search.fair ? <input type="hidden" name="fair" value={search.fair} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn">
            {t("list.apply")}
          </button>
          <Link to="/jobs" className="btn btn--ghost">
            {t("list.reset")}
          </Link>
        </div>
      </FilterForm>
      {search.enterprise || search.fair ? (
        <p className="jobs-chips">
          {search.enterprise ? (
            <Link to={without("enterprise")} className="badge badge--info">
              {t("list.enterpriseFilter", { name: rows[0]?.enterpriseName ?? `#${search.enterprise}` })} ✕
            </Link>
          ) : null}{" "}
          {search.fair ? (
            <Link to={without("fair")} className="badge badge--info">
              {t("list.fairFilter", { id: search.fair })} ✕
            </Link>
          ) : null}
        </p>
      ) : null}
      <ListResults rows={rows} empty={{ title: t("list.empty"), body: t("list.emptyBody") }} pagination={{ page, pageSize: JOBS_PAGE_SIZE, total }}>
        {() => (
          <ul className="jobs-list" aria-label={t("list.results")}>
            {rows.map((p) => (
              <li key={p.id} className="card jobs-card">
                <div className="jobs-card__head">
                  <h2>
                    <Link to={`/jobs/${p.id}`}>{p.title}</Link>
                  </h2>
                  <strong className="jobs-card__salary">
                    <SalaryRange minFen={p.salaryMinFen} maxFen={p.salaryMaxFen} />
                  </strong>
                </div>
                <p className="jobs-card__meta">
                  <Link to={`/jobs?enterprise=${p.enterpriseId}`}>{p.enterpriseName}</Link> · {p.location} ·{" "}
                  {p.education === "none" ? t("list.educationAny") : t(`education.${p.education}`)} · {t(`jobType.${p.jobType}`)} ·{" "}
                  {t("list.headcount", { count: p.headcount })}
                </p>
                <p className="muted small">{t("list.closesOn", { date: formatDate(p.closesOn, lng) })}</p>
              </li>
            ))}
          </ul>
        )}
      </ListResults>
    </>
  );
}

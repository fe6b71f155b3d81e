import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { Alert, EmptyState, FilterActions, FilterForm, PageHeader, Pagination } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { disputeStatuses, disputeTypes } from "../modules/disputes/constants";
import { CASES_PAGE_SIZE, findCaseByCode, listCases, stationsOf } from "../modules/disputes/disputes.server";
import { caseFilterFromUrl } from "../modules/disputes/forms";
import { CaseStatusBadge, DeadlineLine } from "../components/disputes/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("disputes");

const CODE = /^JF\d{10}$/i;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.list");
  const filter = caseFilterFromUrl(request.url);
  // A case code typed in the search box opens the case (if the actor may see it).
  let unknownCode: string | null = null;
  if (filter.q && CODE.test(filter.q)) {
    const id = await findCaseByCode(actor, filter.q);
    if (id) throw redirect(`/disputes/${id}`);
    unknownCode = filter.q.toUpperCase();
  }
  const page = pageFromUrl(request.url);
  const { rows, total } = await listCases(actor, filter, page);
  return {
    rows,
    total,
    page,
    pageSize: CASES_PAGE_SIZE,
    filter,
    role: actor.role,
    canFile: can(actor, "disputes.file"),
    stations: await stationsOf(actor),
    unknownCode,
  };
}

export default function DisputeList() {
  const { t } = useTranslation("disputes");
  const { rows, total, page, pageSize, filter, role, canFile, stations, unknownCode } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const all = t("list.any");
  const lead = role === "member" ? t("list.leadMember") : role === "mediator" ? t("list.leadMediator") : t("list.leadStaff");
  return (
    <>
      <PageHeader
        title={t("list.title")}
        lead={lead}
        actions={
          canFile ? (
            <Link to="/disputes/new" className="btn">
              {t("list.new")}
            </Link>
          ) : null
        }
      />
      {unknownCode ? <Alert tone="warn">{t("list.notFoundCode", { code: unknownCode })}</Alert> : null}
      <FilterForm role="search">
        <TextField
          className="field--search"
          label={t("list.search")}
          name="q"
          type="search"
          defaultValue={filter.q ?? ""}
          maxLength={100}
          hint={t("list.searchHint")}
        />
        <SelectField
          label={t("list.status")}
          name="status"
          defaultValue={filter.status ?? ""}
          placeholder={all}
          options={disputeStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <SelectField
          label={t("list.type")}
          name="type"
          defaultValue={filter.type ?? ""}
          placeholder={all}
          options={disputeTypes.map((s) => ({ value: s, label: t(`type.${s}`) }))}
        />
        {stations.length > 1 ? (
          <SelectField
            label={t("list.station")}
            name="station"
            defaultValue={filter.station ? String(filter.station) : ""}
            placeholder={all}
            options={stations.map((s) => ({ value: String(s.id), label: lng === "zh-CN" ? s.nameZh : s.nameEn }))}
          />
        ) : null}
        <SelectField
          label={t("list.deadlineFilter")}
          name="deadline"
          defaultValue={filter.deadline ?? ""}
          placeholder={all}
          options={[
            { value: "soon", label: t("list.deadlineSoon") },
            { value: "overdue", label: t("list.deadlineOverdue") },
          ]}
        />
        <FilterActions submitLabel={t("list.show")} />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState title={t("list.empty")}>{t("list.emptyHint")}</EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("common:titles.disputes")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("list.code")}</th>
                <th scope="col">{t("list.applicant")}</th>
                <th scope="col">{t("list.respondent")}</th>
                <th scope="col">{t("list.type")}</th>
                <th scope="col">{t("list.amount")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.station")}</th>
                <th scope="col">{t("list.mediator")}</th>
                <th scope="col">{t("list.filed")}</th>
                <th scope="col">{t("list.deadline")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/disputes/${r.id}`}>{r.code}</Link>
                  </td>
                  <td>{r.applicantName}</td>
                  <td>{r.respondentName}</td>
                  <td>{t(`type.${r.type}`)}</td>
                  <td>{formatMoney(r.amountFen, lng)}</td>
                  <td>
                    <CaseStatusBadge status={r.status} />
                  </td>
                  <td className="small">{lng === "zh-CN" ? r.stationZh : r.stationEn}</td>
                  <td className="small">{r.mediatorName ?? "—"}</td>
                  <td className="small">{formatDate(r.filedAt, lng)}</td>
                  <td className="small">
                    {r.deadlines
                      .filter((d) => d.running)
                      .map((d) => (
                        <DeadlineLine key={d.kind} d={d} lng={lng} withLabel />
                      ))}
                  </td>
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

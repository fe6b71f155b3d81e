import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextField } from "../components/fields";
import { EmptyState, FilterForm, PageHeader, Pagination } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { electionStatuses, type ElectionStatus } from "../modules/governance/constants";
import { createElection, electionFormOptions, listElections } from "../modules/governance/elections.server";
import { electionCreateSchema } from "../modules/governance/forms";
import { runIntent, type ActionError } from "../modules/governance/intents.server";
import { GovBadge } from "../components/governance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("elections");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "elections.view");
  const page = pageFromUrl(request.url);
  const raw = new URL(request.url).searchParams.get("status");
  const status = (electionStatuses as readonly string[]).includes(raw ?? "") ? (raw as ElectionStatus) : null;
  const list = await listElections(actor, { status }, page);
  const manage = can(actor, "elections.manage");
  return { ...list, status, manage, options: manage ? await electionFormOptions() : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "elections.manage");
  const formData = await request.formData();
  return runIntent(
    "create",
    formData,
    electionCreateSchema,
    (d) => createElection(actor, d),
    (e) => `/elections/${e!.id}`,
    { request, flash: "governance:flash.elections.create" },
  );
}

export default function Elections() {
  const { t } = useTranslation("governance");
  const { items, total, page, pageSize, status, manage, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionError | undefined;
  const lng = useRootData()?.lng ?? "zh-CN";
  const v = (actionData?.values ?? {}) as Record<string, string>;
  const e = actionData?.errors ?? {};
  return (
    <>
      <PageHeader title={t("elections.title")} lead={t("elections.lead")} />
      {manage && options ? (
        <details className="card" open={Boolean(actionData)}>
          <summary className="btn btn--small">{t("elections.create")}</summary>
          <FormErrors errors={actionData?.errors} />
          <Form method="post" className="form">
            <div className="form-row">
              <SelectField
                label={t("fields.association")}
                name="associationId"
                required
                defaultValue={v.associationId ?? ""}
                placeholder="—"
                options={options.associations.map((a) => ({ value: String(a.id), label: lng === "zh-CN" ? a.nameZh : a.nameEn }))}
                error={e.associationId}
              />
              <SelectField
                label={t("fields.assembly")}
                name="assemblyId"
                defaultValue={v.assemblyId ?? ""}
                placeholder={t("fields.none")}
                options={options.assemblies.map((a) => ({ value: String(a.id), label: a.title }))}
                error={e.assemblyId}
              />
            </div>
            <TextField label={t("fields.title")} name="title" required maxLength={120} defaultValue={v.title} error={e.title} />
            <div className="form-row">
              <TextField
                label={t("fields.competitivePct")}
                name="competitivePct"
                type="number"
                min={1}
                max={100}
                defaultValue={v.competitivePct}
                hint={t("fields.competitiveHint")}
                error={e.competitivePct}
              />
              <TextField label={t("fields.opensOn")} name="opensOn" type="date" defaultValue={v.opensOn} error={e.opensOn} />
              <TextField label={t("fields.closesOn")} name="closesOn" type="date" defaultValue={v.closesOn} error={e.closesOn} />
            </div>
            <CheckboxField label={t("fields.paperBallots")} name="paperBallots" defaultChecked={v.paperBallots === "on"} />
            <div className="form-actions">
              <button type="submit" name="intent" value="create" className="btn">
                {t("elections.create")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
      <FilterForm>
        <SelectField
          label={t("fields.status")}
          name="status"
          defaultValue={status ?? ""}
          placeholder={t("fields.all")}
          options={electionStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn--small">
            {t("common:forms.filter")}
          </button>
        </div>
      </FilterForm>
      {items.length === 0 ? (
        <EmptyState title={t("elections.empty")}>{manage ? <p>{t("elections.emptyStaff")}</p> : null}</EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("common:titles.elections")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("fields.title")}</th>
                <th scope="col">{t("fields.association")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("fields.voted")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.id}>
                  <td>
                    <Link to={`/elections/${x.id}`}>{x.title}</Link>
                  </td>
                  <td>{lng === "zh-CN" ? x.associationZh : x.associationEn}</td>
                  <td>
                    <GovBadge status={x.status} />
                  </td>
                  <td>{x.voted}</td>
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

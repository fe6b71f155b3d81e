import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { EmptyState, PageHeader, Pagination } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { assemblyKinds, quorumRules } from "../modules/governance/constants";
import { assemblyOptions, listAssemblies, scheduleAssembly } from "../modules/governance/assemblies.server";
import { assemblyCreateSchema } from "../modules/governance/forms";
import { runIntent, type ActionError } from "../modules/governance/intents.server";
import { GovBadge } from "../components/governance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("assemblies");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "assemblies.view");
  const list = await listAssemblies(actor, pageFromUrl(request.url));
  const manage = can(actor, "assemblies.manage");
  return { ...list, manage, options: manage ? await assemblyOptions() : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "assemblies.manage");
  return runIntent(
    "schedule",
    await request.formData(),
    assemblyCreateSchema,
    (d) => scheduleAssembly(actor, d),
    (a) => `/assemblies/${a!.id}`,
    { request, flash: "governance:flash.assemblies.schedule" },
  );
}

export default function Assemblies() {
  const { t } = useTranslation("governance");
  const { items, total, page, pageSize, manage, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionError | undefined;
  const lng = useRootData()?.lng ?? "zh-CN";
  const v = (actionData?.values ?? {}) as Record<string, string>;
  const e = actionData?.errors ?? {};
  return (
    <>
      <PageHeader title={t("assemblies.title")} lead={t("assemblies.lead")} />
      {manage && options ? (
        <details className="card" open={Boolean(actionData)}>
          <summary className="btn btn--small">{t("assemblies.schedule")}</summary>
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
                label={t("fields.kind")}
                name="kind"
                required
                defaultValue={v.kind ?? "general"}
                options={assemblyKinds.map((k) => ({ value: k, label: t(`assemblyKind.${k}`) }))}
                error={e.kind}
              />
            </div>
            <TextField label={t("fields.title")} name="title" required maxLength={120} defaultValue={v.title} error={e.title} />
            <div className="form-row">
              <TextField label={t("fields.date")} name="date" type="date" required defaultValue={v.date} error={e.date} />
              <TextField label={t("fields.time")} name="time" type="time" required defaultValue={v.time ?? "09:00"} error={e.time} />
            </div>
            <div className="form-row">
              <TextField label={t("fields.place")} name="place" maxLength={200} defaultValue={v.place} error={e.place} />
              <TextField label={t("fields.onlineUrl")} name="onlineUrl" type="url" maxLength={500} defaultValue={v.onlineUrl} error={e.onlineUrl} />
            </div>
            <TextAreaField label={t("fields.agenda")} name="agenda" rows={4} maxLength={5000} defaultValue={v.agenda} error={e.agenda} />
            <SelectField
              label={t("fields.quorumRule")}
              name="quorumRule"
              required
              defaultValue={v.quorumRule ?? "half"}
              options={quorumRules.map((q) => ({ value: q, label: t(`quorum.${q}`) }))}
              error={e.quorumRule}
            />
            <CheckboxField label={t("fields.allowProxies")} name="allowProxies" defaultChecked={v.allowProxies ? v.allowProxies === "on" : true} />
            <div className="form-actions">
              <button type="submit" name="intent" value="schedule" className="btn">
                {t("assemblies.schedule")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={t("assemblies.empty")} />
      ) : (
        <div className="table-wrap" role="region" aria-label={t("common:titles.assemblies")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("fields.title")}</th>
                <th scope="col">{t("fields.association")}</th>
                <th scope="col">{t("fields.date")}</th>
                <th scope="col">{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/assemblies/${a.id}`}>{a.title}</Link> <span className="muted small">{t(`assemblyKind.${a.kind}`)}</span>
                  </td>
                  <td>{lng === "zh-CN" ? a.associationZh : a.associationEn}</td>
                  <td>{formatDateTime(a.startsAt, lng)}</td>
                  <td>
                    <GovBadge status={a.status} />
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

import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { EmptyState, PageHeader } from "../components/ui";
import { getActor } from "../lib/auth.server";
import { formatDate } from "../lib/format";
import { requireAbility, requireSignedIn } from "../lib/guard.server";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { documentKinds } from "../modules/governance/constants";
import { charterFormOptions, createDocument, listCharters } from "../modules/governance/charters.server";
import { documentCreateSchema } from "../modules/governance/forms";
import { runIntent, type ActionError } from "../modules/governance/intents.server";
import { GovBadge } from "../components/governance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("charters");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "charters.view");
  const actor = await getActor(request);
  const manage = can(actor, "charters.manage");
  return { documents: await listCharters(actor), manage, options: manage ? await charterFormOptions() : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "charters.manage");
  return runIntent(
    "create",
    await request.formData(),
    documentCreateSchema,
    (d) => createDocument(actor, d),
    (id) => `/charters/${id}`,
    { request, flash: "governance:flash.charters.create" },
  );
}

export default function Charters() {
  const { t } = useTranslation("governance");
  const { documents, manage, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionError | undefined;
  const lng = useRootData()?.lng ?? "zh-CN";
  const v = (actionData?.values ?? {}) as Record<string, string>;
  const e = actionData?.errors ?? {};
  return (
    <>
      <PageHeader title={t("charters.title")} lead={t("charters.lead")} />
      {manage && options ? (
        <details className="card" open={Boolean(actionData)}>
          <summary className="btn btn--small">{t("charters.create")}</summary>
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
                defaultValue={v.kind ?? "charter"}
                options={documentKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                error={e.kind}
              />
            </div>
            <TextField label={t("fields.title")} name="title" required maxLength={120} defaultValue={v.title} error={e.title} />
            <TextAreaField label={t("fields.body")} name="body" required rows={10} defaultValue={v.body} hint={t("fields.markdownHint")} error={e.body} />
            <div className="form-actions">
              <button type="submit" name="intent" value="create" className="btn">
                {t("charters.create")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
      {documents.length === 0 ? (
        <EmptyState title={t("charters.empty")} />
      ) : (
        documents.map((d) => (
          <section className="card" key={d.id}>
            <h2>
              {lng === "zh-CN" ? d.associationZh : d.associationEn} · {t(`kind.${d.kind}`)}
            </h2>
            <ul>
              {d.versions.map((x) => (
                <li key={x.id}>
                  <Link to={`/charters/${x.id}`}>
                    {t("charters.version", { n: x.version })} {x.title}
                  </Link>{" "}
                  <GovBadge status={x.status} />
                  {x.adoptedAt ? <span className="muted small"> {t("charters.adoptedOn", { date: formatDate(x.adoptedAt, lng) })}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

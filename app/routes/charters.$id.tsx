import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { getActor } from "../lib/auth.server";
import { formatDate } from "../lib/format";
import { notFound, requireAbility, requireSignedIn } from "../lib/guard.server";
import { can, type Ability } from "../lib/permissions";
import * as z from "zod";
import { useRootData } from "../root";
import {
  amendmentToMotion,
  createDraft,
  decideAmendment,
  editDraft,
  getVersion,
  proposeAmendment,
  proposeVersion,
} from "../modules/governance/charters.server";
import { amendmentDecisionSchema, amendmentSchema, amendmentToMotionSchema, versionDraftSchema } from "../modules/governance/forms";
import { idParam, parseId } from "../lib/ids";
import { lookupIntent } from "../lib/intents.server";
import { runIntent, type ActionError } from "../modules/governance/intents.server";
import { GovBadge, IntentForm } from "../components/governance/ui";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("chartersId", (d) => ({ name: d.version.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAbility(request, "charters.view");
  const actor = await getActor(request);
  const id = idParam(params);
  const compare = parseId(new URL(request.url).searchParams.get("compare"));
  const found = await getVersion(actor, id, compare);
  if (!found) notFound();
  return {
    ...found,
    manage: can(actor, "charters.manage"),
    amend: can(actor, "charters.amend"),
    myEnterprises: actor?.enterpriseIds ?? [],
  };
}

const intentAbility: Record<string, Ability> = {
  amend: "charters.amend",
  accept: "charters.manage",
  reject: "charters.manage",
  toMotion: "charters.manage",
  draft: "charters.manage",
  edit: "charters.manage",
  propose: "charters.manage",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // An own key of the map only: "toString" or "__proto__" is an unknown intent, never Object.prototype's.
  const known = lookupIntent(intentAbility, intent);
  const actor = await requireSignedIn(request, known ? intentAbility[known] : "charters.amend");
  const id = idParam(params);
  if (!known) return data({ intent, errors: { _form: "common:errors.badRequest.body" }, values: {} } satisfies ActionError, { status: 400 });
  if (!(await getVersion(actor, id, null))) notFound();
  const back = `/charters/${id}`;
  // Every intent that succeeds says so on the next page (governance:flash.charter.<intent>).
  const done = { request, flash: `governance:flash.charter.${intent}` };
  switch (intent) {
    case "amend":
      return runIntent(intent, formData, amendmentSchema, (d) => proposeAmendment(actor, id, d), back, done);
    case "accept":
      return runIntent(intent, formData, amendmentDecisionSchema, (d) => decideAmendment(actor, d.amendmentId, "accept", d.reason), back, done);
    case "reject":
      return runIntent(intent, formData, amendmentDecisionSchema, (d) => decideAmendment(actor, d.amendmentId, "reject", d.reason), back, done);
    case "toMotion":
      return runIntent(intent, formData, amendmentToMotionSchema, (d) => amendmentToMotion(actor, d.amendmentId, d.assemblyId), back, done);
    case "draft":
      return runIntent(
        intent,
        formData,
        versionDraftSchema,
        (d) => createDraft(actor, id, d),
        (v) => `/charters/${v}`,
        done,
      );
    case "edit":
      return runIntent(intent, formData, versionDraftSchema, (d) => editDraft(actor, id, d), back, done);
    case "propose":
      return runIntent(intent, formData, z.object({}), () => proposeVersion(actor, id), back, done);
  }
}

export default function CharterPage() {
  const { t } = useTranslation("governance");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionError | undefined;
  const lng = useRootData()?.lng ?? "zh-CN";
  const { version } = d;
  const e = actionData?.errors ?? {};
  const mine = (intent: string, key: string) => (actionData?.intent === intent ? e[key] : null);
  return (
    <>
      <PageHeader
        title={`${t("charters.version", { n: version.version })} ${version.title}`}
        lead={
          <>
            {d.association ? (lng === "zh-CN" ? d.association.nameZh : d.association.nameEn) : ""} · {t(`kind.${d.document.kind}`)} ·{" "}
            <GovBadge status={version.status} />
            {version.adoptedAt ? <> · {t("charters.adoptedOn", { date: formatDate(version.adoptedAt, lng) })}</> : null}
          </>
        }
        actions={
          <Link className="btn btn--ghost" to="/charters">
            {t("charters.back")}
          </Link>
        }
      />
      <FormErrors errors={actionData?.errors} />
      <div className="tickets-layout">
        <nav className="card" aria-label={t("charters.outline")}>
          <h2>{t("charters.outline")}</h2>
          {d.outline.length ? (
            <ol className="outline">
              {d.outline.map((c) => (
                <li key={c.id} style={{ marginInlineStart: `${(c.level - 1) * 0.75}rem` }}>
                  <a href={`#${c.id}`}>{c.text}</a>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t("charters.noOutline")}</p>
          )}
          <h3>{t("charters.versions")}</h3>
          <ul>
            {d.siblings.map((s) => (
              <li key={s.id}>
                {s.id === version.id ? (
                  <strong>{t("charters.version", { n: s.version })}</strong>
                ) : (
                  <Link to={`/charters/${s.id}`}>{t("charters.version", { n: s.version })}</Link>
                )}{" "}
                <GovBadge status={s.status} />
              </li>
            ))}
          </ul>
          {d.siblings.length > 1 ? (
            <Form method="get" className="form">
              <SelectField
                label={t("charters.compareWith")}
                name="compare"
                defaultValue={d.diff ? String(d.diff.against.id) : ""}
                options={d.siblings.filter((s) => s.id !== version.id).map((s) => ({ value: String(s.id), label: t("charters.version", { n: s.version }) }))}
              />
              <div className="form-actions">
                <button type="submit" className="btn btn--small">
                  {t("charters.showDiff")}
                </button>
              </div>
            </Form>
          ) : null}
        </nav>
        <article className="card charter-text" dangerouslySetInnerHTML={{ __html: d.html }} />
      </div>
      {d.diff ? (
        <section className="card" aria-label={t("charters.diffTitle")}>
          <h2>
            {t("charters.diffTitle")}: {t("charters.version", { n: Math.min(d.diff.against.version, version.version) })} →{" "}
            {t("charters.version", { n: Math.max(d.diff.against.version, version.version) })}
          </h2>
          <p className="muted small">{t("charters.diffStats", d.diff.stats)}</p>
          <div className="diff" data-diff>
            {d.diff.rows.map((row, i) => (
              <div key={i} className={`diff__row diff__row--${row.kind}`}>
                {row.parts.map((p, j) =>
                  p.kind === "added" ? <ins key={j}>{p.text}</ins> : p.kind === "removed" ? <del key={j}>{p.text}</del> : <span key={j}>{p.text}</span>,
                )}
              </div>
            ))}
          </div>
        </section>
      ) : null}
      <section className="card">
        <h2>{t("amendments.title")}</h2>
        {d.amendments.length === 0 ? <p className="muted">{t("amendments.empty")}</p> : null}
        {d.amendments.map((a) => (
          <div key={a.id} className="card amendment">
            <h3>
              {a.clause} <GovBadge status={a.status} />
            </h3>
            <div className="diff">
              <del>{a.oldText}</del>
              <ins>{a.newText}</ins>
            </div>
            <p>
              {t("amendments.reason")}: {a.reason}
            </p>
            {a.decisionReason ? (
              <p className="muted">
                {t("amendments.decisionReason")}: {a.decisionReason}
              </p>
            ) : null}
            {a.motion ? (
              <p>
                <Link to={`/assemblies/${a.motion.assemblyId}`}>{t("amendments.motion")}</Link> <GovBadge status={a.motion.status} />
              </p>
            ) : null}
            {d.manage && a.status === "proposed" && version.status === "proposed" ? (
              <div className="form-row">
                <IntentForm intent="accept" submit={t("amendments.accept")}>
                  <input type="hidden" name="amendmentId" value={a.id} />
                </IntentForm>
                <IntentForm intent="reject" submit={t("amendments.reject")} danger>
                  <input type="hidden" name="amendmentId" value={a.id} />
                  <TextField label={t("amendments.rejectReason")} name="reason" required maxLength={1000} />
                </IntentForm>
                {d.openAssemblies.length ? (
                  <IntentForm intent="toMotion" submit={t("amendments.toMotion")}>
                    <input type="hidden" name="amendmentId" value={a.id} />
                    <SelectField
                      label={t("fields.assembly")}
                      name="assemblyId"
                      required
                      options={d.openAssemblies.map((x) => ({ value: String(x.id), label: x.title }))}
                    />
                  </IntentForm>
                ) : null}
              </div>
            ) : null}
          </div>
        ))}
        {d.amend && version.status === "proposed" && d.outline.length ? (
          <IntentForm intent="amend" submit={t("amendments.propose")} title={t("amendments.propose")}>
            <SelectField
              label={t("amendments.clause")}
              name="clause"
              required
              options={d.outline.map((c) => ({ value: c.text, label: c.text }))}
              error={mine("amend", "clause")}
            />
            <TextAreaField label={t("amendments.oldText")} name="oldText" rows={3} hint={t("amendments.oldTextHint")} error={mine("amend", "oldText")} />
            <TextAreaField label={t("amendments.newText")} name="newText" rows={3} required error={mine("amend", "newText")} />
            <TextAreaField label={t("amendments.reason")} name="reason" rows={2} required error={mine("amend", "reason")} />
            {!d.manage ? <input type="hidden" name="enterpriseId" value={d.myEnterprises[0] ?? ""} /> : null}
          </IntentForm>
        ) : null}
      </section>
      {d.manage ? (
        <section className="card">
          <h2>{t("charters.manage")}</h2>
          {version.status === "draft" ? (
            <>
              <IntentForm intent="propose" submit={t("charters.propose")}>
                <p className="muted small">{t("charters.proposeHint")}</p>
              </IntentForm>
              <IntentForm intent="edit" submit={t("charters.save")} title={t("charters.edit")}>
                <TextField label={t("fields.title")} name="title" required maxLength={120} defaultValue={version.title} error={mine("edit", "title")} />
                <TextAreaField
                  label={t("fields.body")}
                  name="body"
                  required
                  rows={14}
                  defaultValue={version.body}
                  hint={t("fields.markdownHint")}
                  error={mine("edit", "body")}
                />
                <TextField label={t("fields.note")} name="note" maxLength={500} defaultValue={version.note ?? ""} />
              </IntentForm>
            </>
          ) : (
            <IntentForm intent="draft" submit={t("charters.newDraft")} title={t("charters.newDraft")}>
              <TextField label={t("fields.title")} name="title" required maxLength={120} defaultValue={version.title} error={mine("draft", "title")} />
              <TextAreaField
                label={t("fields.body")}
                name="body"
                required
                rows={14}
                defaultValue={version.body}
                hint={t("fields.markdownHint")}
                error={mine("draft", "body")}
              />
              <TextField label={t("fields.note")} name="note" maxLength={500} />
            </IntentForm>
          )}
        </section>
      ) : null}
    </>
  );
}

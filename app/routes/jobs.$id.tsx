import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationStatusBadge, PostingStateBadge, SalaryRange } from "../components/jobs/ui";
import { Alert, ConfirmAction, PageHeader } from "../components/ui";
import { FormErrors, TextAreaField, TextField } from "../components/fields";
import { getActor } from "../lib/auth.server";
import { notFound, requireAbility, requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate } from "../lib/format";
import { detectLanguage } from "../lib/i18n";
import { clientIp } from "../lib/request.server";
import { sharePublicPage } from "../lib/public-pages.server";
import { applyToPosting } from "../modules/jobs/applications.server";
import { closePosting, getPosting, moderatePosting } from "../modules/jobs/postings.server";
import { applySchema, hideSchema, parseForm } from "../modules/jobs/forms.server";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("jobsId", (d) => ({ name: [d.posting.title, d.enterprise?.name].filter(Boolean).join(" · ") }));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAbility(request, "jobs.view");
  const id = idParam(params);
  const actor = await getActor(request);
  const found = await getPosting(actor, id);
  if (!found) notFound();
  // Kept for other visitors only when rendered for no one in particular and open to all (never hidden or closed).
  if (!actor && found.state === "open") sharePublicPage(context);
  return { ...found, signedIn: Boolean(actor), isSeeker: actor?.role === "seeker", lng: detectLanguage(request) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(request);
  if (intent === "apply") {
    const actor = await requireSignedIn(request, "jobs.apply");
    const parsed = parseForm(applySchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await applyToPosting(actor, id, parsed.data.message, ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ intent, errors: { _form: `jobs:errors.${result.error}` }, values: { message: parsed.data.message ?? "" } }, { status: 409 });
    }
    return redirectWithFlash(`/jobs/${id}`, "jobs:flash.applied", request);
  }
  if (intent === "close") {
    const actor = await requireSignedIn(request, "jobs.post");
    const result = await closePosting(actor, id, ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ intent, errors: { _form: `jobs:errors.${result.error}` }, values: {} }, { status: 409 });
    }
    return redirectWithFlash(`/jobs/${id}`, "jobs:flash.closed", request);
  }
  if (intent === "hide" || intent === "unhide") {
    const actor = await requireSignedIn(request, "jobs.moderate");
    let change: { hide: true; reason: string } | { hide: false } = { hide: false };
    if (intent === "hide") {
      const parsed = parseForm(hideSchema, form);
      if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      change = { hide: true, reason: parsed.data.reason };
    }
    const result = await moderatePosting(actor, id, change, ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ intent, errors: { _form: `jobs:errors.${result.error}` }, values: {} }, { status: 409 });
    }
    return redirectWithFlash(`/jobs/${id}`, intent === "hide" ? "jobs:flash.hidden" : "jobs:flash.unhidden", request);
  }
  await requireAbility(request, "jobs.view");
  return data({ intent, errors: { _form: "forms.invalid" }, values: {} }, { status: 400 });
}

export default function PostingPage() {
  const { t } = useTranslation("jobs");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const p = d.posting;
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <>
      <p>
        <Link to="/jobs">← {t("detail.back")}</Link>
      </p>
      <PageHeader
        title={p.title}
        lead={
          <>
            <PostingStateBadge state={d.state} /> {d.enterprise?.name}
          </>
        }
      />
      <FormErrors errors={errors} />
      {d.state === "hidden" && p.hiddenReason ? (
        <Alert tone="warn">
          {t("detail.hiddenNotice")} {p.hiddenReason}
        </Alert>
      ) : null}
      <div className="jobs-detail">
        <section className="card">
          <dl className="jobs-facts">
            <dt>{t("fields.salary")}</dt>
            <dd>
              <SalaryRange minFen={p.salaryMinFen} maxFen={p.salaryMaxFen} />
            </dd>
            <dt>{t("fields.headcount")}</dt>
            <dd>{t("list.headcount", { count: p.headcount })}</dd>
            <dt>{t("fields.location")}</dt>
            <dd>{p.location}</dd>
            <dt>{t("fields.education")}</dt>
            <dd>{t(`education.${p.education}`)}</dd>
            <dt>{t("fields.experience")}</dt>
            <dd>{t(`experience.${p.experience}`)}</dd>
            <dt>{t("fields.jobType")}</dt>
            <dd>{t(`jobType.${p.jobType}`)}</dd>
            <dt>{t("fields.closesOn")}</dt>
            <dd>{formatDate(p.closesOn, d.lng)}</dd>
            <dt>{t("fields.contact")}</dt>
            <dd>{p.contact}</dd>
          </dl>
          <h2>{t("fields.description")}</h2>
          <p className="jobs-text">{p.description}</p>
          {p.benefits ? (
            <>
              <h2>{t("fields.benefits")}</h2>
              <p className="jobs-text">{p.benefits}</p>
            </>
          ) : null}
        </section>
        <aside className="jobs-aside">
          <section className="card" aria-labelledby="apply-h">
            <h2 id="apply-h">{t("detail.applyTitle")}</h2>
            {d.myApplication ? (
              <>
                <p>
                  {t("detail.appliedAlready")} <ApplicationStatusBadge status={d.myApplication.status} />
                </p>
                <Link to="/jobs/applications">{t("detail.seeMyApplications")}</Link>
              </>
            ) : d.state !== "open" ? (
              <p className="muted">{t("detail.notOpen")}</p>
            ) : d.isSeeker ? (
              <Form method="post" className="form">
                <TextAreaField
                  label={t("detail.message")}
                  name="message"
                  maxLength={1000}
                  rows={4}
                  defaultValue={values.message ?? ""}
                  hint={t("detail.messageHint")}
                  error={errors?.message}
                />
                <div className="form-actions">
                  <button type="submit" name="intent" value="apply" className="btn" disabled={navigation.state === "submitting"}>
                    {t("detail.apply")}
                  </button>
                </div>
                <p className="muted small">
                  <Link to="/jobs/profile">{t("detail.completeProfile")}</Link>
                </p>
              </Form>
            ) : d.signedIn ? (
              <p className="muted">{t("detail.onlySeekers")}</p>
            ) : (
              <p>
                <Link to={`/login?next=/jobs/${p.id}`} className="btn">
                  {t("detail.loginToApply")}
                </Link>{" "}
                <Link to={`/register?next=/jobs/${p.id}`} className="btn btn--ghost">
                  {t("detail.registerToApply")}
                </Link>
              </p>
            )}
          </section>
          {d.enterprise ? (
            <section className="card">
              <h2>{t("detail.enterprise")}</h2>
              <p>
                <strong>{d.enterprise.name}</strong>
              </p>
              <dl className="jobs-facts">
                {Object.entries(d.enterprise.fields).map(([k, v]) => (
                  <div key={k} style={{ display: "contents" }}>
                    <dt>{t(`publicFields.${k}`)}</dt>
                    <dd>{k === "segment" ? t(`segments.${String(v)}`) : String(v ?? "—")}</dd>
                  </div>
                ))}
              </dl>
              <Link to={`/jobs?enterprise=${d.enterprise.id}`}>{t("detail.moreFromEnterprise")}</Link>
            </section>
          ) : null}
          {d.canManage && !p.closedAt ? (
            <section className="card">
              <h2>{t("detail.manage")}</h2>
              <p>
                <Link to={`/jobs/manage/${p.id}/edit`} className="btn btn--ghost btn--small">
                  {t("detail.edit")}
                </Link>
              </p>
              <ConfirmAction label={t("detail.close")} question={t("detail.closeQuestion")} confirmLabel={t("detail.closeConfirm")} intent="close" danger />
            </section>
          ) : null}
          {d.canModerate ? (
            <section className="card">
              <h2>{t("detail.moderation")}</h2>
              {p.hiddenAt ? (
                <ConfirmAction label={t("detail.unhide")} question={t("detail.unhideQuestion")} confirmLabel={t("detail.unhide")} intent="unhide" />
              ) : (
                <ConfirmAction label={t("detail.hide")} question={t("detail.hideQuestion")} confirmLabel={t("detail.hideConfirm")} intent="hide" danger>
                  <TextField label={t("detail.hideReason")} name="reason" required maxLength={300} error={errors?.reason} />
                </ConfirmAction>
              )}
            </section>
          ) : null}
        </aside>
      </div>
    </>
  );
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationStatusBadge } from "../components/jobs/ui";
import { FormErrors, TextField } from "../components/fields";
import { Alert, ConfirmAction, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { detectLanguage } from "../lib/i18n";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { getApplicationForEnterprise, moveApplication } from "../modules/jobs/applications.server";
import { isFinal, nextStatus } from "../modules/jobs/pipeline";
import { advanceSchema, declineSchema } from "../modules/jobs/forms";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("jobsManageApplicationsId", (d) => ({ name: d.seeker.name }));


export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.reviewApplications");
  const found = await getApplicationForEnterprise(actor, idParam(params));
  if (!found) notFound();
  return { ...found, next: nextStatus(found.application.status), final: isFinal(found.application.status), lng: detectLanguage(request) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.reviewApplications");
  const id = idParam(params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const parsed = intent === "decline" ? parseForm(declineSchema, form) : parseForm(advanceSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const event = intent === "decline" ? { type: "decline" as const, reason: (parsed.data as { reason: string }).reason } : { type: "advance" as const, to: (parsed.data as { to: "viewed" }).to };
  const result = await moveApplication(actor, id, event, clientIp(request));
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    return data({ errors: { _form: `jobs:errors.${result.error}` } }, { status: 409 });
  }
  return event.type === "decline"
    ? redirectWithFlash(`/jobs/manage/applications/${id}`, "jobs:flash.declined", request)
    : redirectWithFlash(`/jobs/manage/applications/${id}`, "jobs:flash.moved", request, { to: event.to });
}

export default function ApplicationPage() {
  const { t } = useTranslation("jobs");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const a = d.application;
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <p>
        <Link to="/jobs/manage/applications">← {t("review.title")}</Link>
      </p>
      <PageHeader
        title={t("review.detailTitle", { name: d.seeker.name })}
        lead={
          <>
            <ApplicationStatusBadge status={a.status} /> <Link to={`/jobs/${d.posting.id}`}>{d.posting.title}</Link>
          </>
        }
      />
      <FormErrors errors={errors} />
      <section className="card">
        <h2>{t("review.nextStep")}</h2>
        {d.final ? (
          <p className="muted">{a.status === "declined" ? t("review.declinedWith", { reason: a.declineReason }) : t("review.finalHired")}</p>
        ) : (
          <div className="form-actions">
            {d.next ? (
              <Form method="post">
                <input type="hidden" name="to" value={d.next} />
                <button type="submit" name="intent" value="advance" className="btn" disabled={navigation.state === "submitting"}>
                  {t("review.moveTo", { status: t(`status.${d.next}`) })}
                </button>
              </Form>
            ) : null}
            <ConfirmAction label={t("review.decline")} question={t("review.declineQuestion")} confirmLabel={t("review.declineConfirm")} intent="decline" danger>
              <TextField label={t("review.declineReason")} name="reason" required maxLength={300} error={errors?.reason} />
            </ConfirmAction>
          </div>
        )}
      </section>
      <div className="jobs-detail">
        <section className="card">
          <h2>{t("review.seeker")}</h2>
          <dl className="jobs-facts">
            <dt>{t("profile.fullName")}</dt>
            <dd>{d.profile?.fullName ?? d.seeker.name}</dd>
            <dt>{t("profile.phone")}</dt>
            <dd>{d.profile?.phone ?? d.seeker.phone ?? "—"}</dd>
            <dt>{t("review.email")}</dt>
            <dd>{d.seeker.email}</dd>
            {d.profile ? (
              <>
                <dt>{t("profile.school")}</dt>
                <dd>{d.profile.school ?? "—"}</dd>
                <dt>{t("profile.major")}</dt>
                <dd>{d.profile.major ?? "—"}</dd>
                <dt>{t("profile.graduationYear")}</dt>
                <dd>{d.profile.graduationYear ?? "—"}</dd>
                <dt>{t("fields.education")}</dt>
                <dd>{t(`education.${d.profile.education}`)}</dd>
                <dt>{t("profile.skills")}</dt>
                <dd>{d.profile.skills ?? "—"}</dd>
              </>
            ) : null}
          </dl>
          {d.profile?.hasResume ? (
            <p>
              <a href={`/jobs/resume/${a.seekerUserId}`} download>{t("review.downloadResume")}</a>
            </p>
          ) : (
            <p className="muted">{t("review.noResume")}</p>
          )}
          <h3>{t("review.message")}</h3>
          {a.message ? <p className="jobs-text">{a.message}</p> : <p className="muted">{t("review.noMessage")}</p>}
        </section>
        <section className="card">
          <h2>{t("review.history")}</h2>
          <ol className="timeline">
            {d.events.map((e) => (
              <li key={e.id}>
                <ApplicationStatusBadge status={e.toStatus} /> {e.reason ? `— ${e.reason}` : null}
                <div className="timeline__meta">{formatDateTime(e.at, d.lng)}</div>
              </li>
            ))}
          </ol>
          {a.status === "declined" ? <Alert tone="info">{t("review.declinedWith", { reason: a.declineReason })}</Alert> : null}
        </section>
      </div>
    </>
  );
}

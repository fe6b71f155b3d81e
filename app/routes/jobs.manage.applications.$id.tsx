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
import { getApplicationForEnterprise, moveApplication, undoLastStep } from "../modules/jobs/applications.server";
import { isFinal, laterSteps, nextStatus } from "../modules/jobs/pipeline";
import { advanceSchema, declineSchema, interviewSchema } from "../modules/jobs/forms";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("jobsManageApplicationsId", (d) => ({ name: d.seeker.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.reviewApplications");
  const found = await getApplicationForEnterprise(actor, idParam(params));
  if (!found) notFound();
  return {
    ...found,
    next: nextStatus(found.application.status),
    later: laterSteps(found.application.status),
    final: isFinal(found.application.status),
    lng: detectLanguage(request),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.reviewApplications");
  const id = idParam(params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(request);
  let result: Awaited<ReturnType<typeof moveApplication>>;
  let flash: { key: string; values?: Record<string, string> };
  if (intent === "undo") {
    result = await undoLastStep(actor, id, ip);
    flash = { key: "jobs:flash.undone", values: { to: result.ok ? result.status : "" } };
  } else if (intent === "decline") {
    const parsed = parseForm(declineSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    result = await moveApplication(actor, id, { type: "decline", reason: parsed.data.reason }, ip);
    flash = { key: "jobs:flash.declined" };
  } else if (intent === "interview") {
    const parsed = parseForm(interviewSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    result = await moveApplication(actor, id, { type: "advance", to: "interview" }, ip, parsed.data);
    flash = { key: "jobs:flash.interview" };
  } else {
    const parsed = parseForm(advanceSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    result = await moveApplication(actor, id, { type: "advance", to: parsed.data.to }, ip);
    flash = { key: "jobs:flash.moved", values: { to: parsed.data.to } };
  }
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    return data({ errors: { _form: `jobs:errors.${result.error}` } }, { status: 409 });
  }
  return redirectWithFlash(`/jobs/manage/applications/${id}`, flash.key, request, flash.values);
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
        {d.undoTo ? (
          // Only the last step, only today (pipeline canUndo); the seeker is told.
          <Form method="post" className="form-actions">
            <button type="submit" name="intent" value="undo" className="btn btn--ghost" disabled={navigation.state === "submitting"}>
              {t("review.undo", { status: t(`status.${d.undoTo}`) })}
            </button>
          </Form>
        ) : null}
        {d.final ? (
          <p className="muted">{a.status === "declined" ? t("review.declinedWith", { reason: a.declineReason }) : t("review.finalHired")}</p>
        ) : (
          <>
            <div className="form-actions">
              {d.later
                .filter((s) => s !== "interview")
                .map((s) => (
                  <Form method="post" key={s}>
                    <input type="hidden" name="to" value={s} />
                    <button
                      type="submit"
                      name="intent"
                      value="advance"
                      className={s === d.next ? "btn" : "btn btn--ghost"}
                      disabled={navigation.state === "submitting"}
                    >
                      {t("review.moveTo", { status: t(`status.${s}`) })}
                    </button>
                  </Form>
                ))}
              <ConfirmAction
                label={t("review.decline")}
                question={t("review.declineQuestion")}
                confirmLabel={t("review.declineConfirm")}
                intent="decline"
                danger
              >
                <TextField label={t("review.declineReason")} name="reason" required maxLength={300} error={errors?.reason} />
              </ConfirmAction>
            </div>
            {d.later.includes("interview") ? (
              <Form method="post" className="form">
                <h3>{t("review.interviewTitle")}</h3>
                <TextField label={t("review.interviewAt")} name="interviewAt" type="datetime-local" required error={errors?.interviewAt} />
                <TextField label={t("review.interviewPlace")} name="interviewPlace" required maxLength={200} error={errors?.interviewPlace} />
                <TextField
                  label={t("review.interviewContact")}
                  name="interviewContact"
                  required
                  maxLength={100}
                  error={errors?.interviewContact}
                  hint={t("review.interviewHint")}
                />
                <div className="form-actions">
                  <button
                    type="submit"
                    name="intent"
                    value="interview"
                    className={d.next === "interview" ? "btn" : "btn btn--ghost"}
                    disabled={navigation.state === "submitting"}
                  >
                    {t("review.scheduleInterview")}
                  </button>
                </div>
              </Form>
            ) : null}
          </>
        )}
        {a.status === "interview" && a.interviewAt ? (
          <p>{t("review.interviewSet", { time: formatDateTime(a.interviewAt, d.lng), place: a.interviewPlace, contact: a.interviewContact })}</p>
        ) : null}
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
              <a href={`/jobs/resume/${a.seekerUserId}`} download>
                {t("review.downloadResume")}
              </a>
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
                <ApplicationStatusBadge status={e.toStatus} /> {e.undo ? t("review.undoneStep") : null} {e.reason ? `— ${e.reason}` : null}
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

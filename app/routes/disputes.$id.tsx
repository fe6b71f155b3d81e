import { FileList } from "../components/file-list";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { ConfirmWithReason } from "../components/confirm-with-reason";
import { Alert, ConfirmAction, PageHeader } from "../components/ui";
import { formatDate, formatDateTime, formatMoney, shanghaiToday } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { discardUploads } from "../lib/uploads.server";
import * as z from "zod";
import { intent, runIntent, type IntentFailure } from "../lib/intents.server";
import { NOT_FOUND, ok, refuse, type CommandResult } from "../lib/command.server";
import { useRootData } from "../root";
import { EVIDENCE_FIELD, MAX_EVIDENCE_FILES, sessionModes } from "../modules/disputes/constants";
import { clockRuns } from "../modules/disputes/deadlines";
import {
  acceptCase,
  addEvidence,
  answerInvitation,
  applyJudicial,
  assignMediator,
  caseVisible,
  closeCase,
  confirmAgreement,
  consentExtension,
  decideJudicial,
  declineCase,
  draftAgreement,
  failMediation,
  getCase,
  inviteRespondent,
  recordMinutes,
  referToCourt,
  rejectAgreement,
  requestExtension,
  scheduleSession,
  type CommandResult as DisputeResult,
} from "../modules/disputes/disputes.server";
import { receiveEvidenceForm } from "../modules/disputes/evidence.server";
import { idParam } from "../lib/ids";
import {
  agreementSchema,
  answerSchema,
  assignSchema,
  extensionSchema,
  judicialApplySchema,
  judicialDecisionSchema,
  minutesSchema,
  reasonSchema,
  referralSchema,
  sessionSchema,
} from "../modules/disputes/forms";
import { canRecordMinutes, canScheduleSession } from "../modules/disputes/state-machine";
import { CaseStatusBadge, DeadlineLine } from "../components/disputes/ui";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("disputesId", (d) => ({ name: d.case.code }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.view");
  const id = idParam(params);
  const found = await getCase(actor, id, { ip: clientIp(request) });
  if (!found) notFound();
  const { case: c, roles, actions } = found;
  const party = roles.includes("applicant") || roles.includes("respondent");
  const station = roles.includes("station");
  const mediator = roles.includes("mediator");
  const outside = c.respondentEnterpriseId === null;
  const open = c.status !== "closed" && c.status !== "declined";
  const extensionWaiting = c.extensionDays !== null;
  const may = {
    accept: actions.includes("accept"),
    decline: actions.includes("decline"),
    assign: actions.includes("assignMediator"),
    invite: actions.includes("inviteRespondent"),
    answer: actions.includes("respondentAgree") && (roles.includes("respondent") || (station && outside)),
    schedule: (mediator || station) && canScheduleSession(c.status),
    minutes: mediator && canRecordMinutes(c.status) && found.sessions.length > 0,
    draft: actions.includes("draftAgreement"),
    confirm:
      c.status === "agreement_pending" &&
      ((roles.includes("applicant") && !c.applicantConfirmedAt) ||
        (roles.includes("respondent") && !c.respondentConfirmedAt) ||
        (station && outside && !c.respondentConfirmedAt)),
    rejectAgreement: c.status === "agreement_pending" && (party || (station && outside)),
    fail: actions.includes("fail"),
    refer: actions.includes("referToCourt"),
    apply: actions.includes("applyJudicial"),
    decide: actions.includes("confirmJudicial"),
    close: actions.includes("close"),
    requestExtension: (mediator || station) && clockRuns("mediation", c.status) && !extensionWaiting,
    consentExtension:
      extensionWaiting &&
      ((roles.includes("applicant") && !c.extensionApplicantConsentAt) ||
        (roles.includes("respondent") && !c.extensionRespondentConsentAt) ||
        (station && outside && !c.extensionRespondentConsentAt)),
    addEvidence: party && open,
    printAgreement: c.agreementTerms !== null,
    printReferral: c.referredAt !== null,
  };
  // Today on the station's calendar (the referral date's default), decided once on the server.
  return { ...found, may, outside, today: shanghaiToday() };
}

const noFields = z.object({});

// The module answers { ok, case } or { ok: false, error: key }; the intent runner speaks the command contract.
function asCommand(pending: Promise<DisputeResult>): Promise<CommandResult> {
  return pending.then((r) => (r.ok ? ok() : refuse(r.error === "notFound" ? NOT_FOUND : r.error)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.view");
  const id = idParam(params);
  // A case the actor may not see does not exist for it, whatever the form says.
  if (!(await caseVisible(actor, id))) notFound();
  const upload = await receiveEvidenceForm(request);
  if (!upload.ok) return data<IntentFailure>({ intent: "addEvidence", errors: { [EVIDENCE_FIELD]: upload.error }, values: {} }, { status: upload.status });
  const formData = upload.fields;
  const opts = { ip: clientIp(request) };
  if (formData.get("intent") !== "addEvidence") await discardUploads(upload.files);
  // Every intent asks disputes.view; who may take which step on this case is the module's rule.
  const on = <S extends z.ZodType>(schema: S, run: (input: z.output<S>) => Promise<DisputeResult>) =>
    intent("disputes.view", schema, (_actor, input) => asCommand(run(input)));
  const withEvidence = async (): Promise<DisputeResult> => {
    const result = await addEvidence(actor, id, upload.files, opts).catch(async (error: unknown) => {
      await discardUploads(upload.files);
      throw error;
    });
    if (!result.ok) await discardUploads(upload.files);
    return result;
  };
  const intents = {
    accept: on(noFields, () => acceptCase(actor, id, opts)),
    decline: on(reasonSchema, (d) => declineCase(actor, id, d.reason, opts)),
    assign: on(assignSchema, (d) => assignMediator(actor, id, d.mediatorId, opts)),
    invite: on(noFields, () => inviteRespondent(actor, id, opts)),
    answer: on(answerSchema, (d) => answerInvitation(actor, id, d, opts)),
    session: on(sessionSchema, (d) => scheduleSession(actor, id, d, opts)),
    minutes: on(minutesSchema, (d) => recordMinutes(actor, id, d, opts)),
    draft: on(agreementSchema, (d) => draftAgreement(actor, id, d, opts)),
    confirm: on(noFields, () => confirmAgreement(actor, id, opts)),
    rejectAgreement: on(reasonSchema, (d) => rejectAgreement(actor, id, d.reason, opts)),
    fail: on(reasonSchema, (d) => failMediation(actor, id, d.reason, opts)),
    refer: on(referralSchema, (d) => referToCourt(actor, id, d, opts)),
    apply: on(judicialApplySchema, (d) => applyJudicial(actor, id, d, opts)),
    decide: on(judicialDecisionSchema, (d) => decideJudicial(actor, id, d, opts)),
    close: on(noFields, () => closeCase(actor, id, opts)),
    requestExtension: on(extensionSchema, (d) => requestExtension(actor, id, d, opts)),
    consentExtension: on(noFields, () => consentExtension(actor, id, opts)),
    addEvidence: intent("disputes.view", noFields, () =>
      withEvidence().then((r) => (r.ok ? ok() : refuse(r.error === "notFound" ? NOT_FOUND : r.error, EVIDENCE_FIELD))),
    ),
  };
  return runIntent(request, formData, intents, {
    unknownAbility: "disputes.view",
    success: () => `/disputes/${id}`,
    flash: ({ intent }) => `disputes:flash.${intent}`,
  });
}

type Intent =
  | "accept"
  | "decline"
  | "assign"
  | "invite"
  | "answer"
  | "session"
  | "minutes"
  | "draft"
  | "confirm"
  | "rejectAgreement"
  | "fail"
  | "refer"
  | "apply"
  | "decide"
  | "close"
  | "requestExtension"
  | "consentExtension"
  | "addEvidence";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tickets-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ActionForm({
  intent,
  title,
  submit,
  children,
  hint,
  multipart,
}: {
  intent: Intent;
  title: string;
  submit: string;
  children?: ReactNode;
  hint?: string;
  multipart?: boolean;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" className="form card tickets-action" aria-label={title} encType={multipart ? "multipart/form-data" : undefined}>
      <h3>{title}</h3>
      {hint ? <p className="muted small">{hint}</p> : null}
      {children}
      <div className="form-actions">
        <button type="submit" name="intent" value={intent} className="btn" disabled={navigation.state === "submitting"}>
          {submit}
        </button>
      </div>
    </Form>
  );
}

/** The current time in Shanghai as a datetime-local value, a day ahead (a sensible default for a session). */
function tomorrowLocal(): string {
  return new Date(Date.now() + 8 * 3600 * 1000 + 24 * 3600 * 1000).toISOString().slice(0, 11) + "09:30";
}

export default function DisputePage() {
  const { t } = useTranslation("disputes");
  const { case: c, station, applicant, mediator, sessions, events, evidence, mediators, deadlines, may, outside, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<IntentFailure>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const err = (intent: Intent, field: string) => (actionData?.intent === intent ? actionData.errors?.[field] : undefined);
  const val = (intent: Intent, field: string) =>
    actionData?.intent === intent ? String((actionData.values as Record<string, unknown>)?.[field] ?? "") : undefined;
  const stationName = lng === "zh-CN" ? station.nameZh : station.nameEn;
  const court = lng === "zh-CN" ? station.courtZh : station.courtEn;
  const anyAction = Object.entries(may).some(([k, v]) => v && k !== "printAgreement" && k !== "printReferral");
  const confirmedLine = (at: Date | string | null) => (at ? t("detail.confirmedAt", { date: formatDateTime(at, lng) }) : t("detail.notConfirmed"));
  return (
    <>
      <PageHeader
        title={t("detail.title", { code: c.code })}
        lead={
          <>
            <CaseStatusBadge status={c.status} />{" "}
            <span className="muted">
              {t(`type.${c.type}`)} · {stationName}
            </span>
          </>
        }
        actions={
          <Link to="/disputes" className="btn btn--ghost btn--small">
            {t("detail.back")}
          </Link>
        }
      />
      <Alert tone={c.status === "declined" || c.status === "failed" ? "warn" : "info"}>{t(`nextStep.${c.status}`)}</Alert>
      {actionData?.errors?._form ? <FormErrors errors={{ _form: actionData.errors._form }} /> : null}
      <p className="muted small">{t("detail.confidential")}</p>
      <div className="tickets-layout">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t("detail.parties")}</h2>
          <dl className="tickets-facts">
            <Fact label={t("detail.code")}>
              <strong data-case-code>{c.code}</strong>
              <div className="muted small">{t("detail.codeHint")}</div>
            </Fact>
            <Fact label={t("detail.applicant")}>{applicant.name}</Fact>
            <Fact label={t("detail.respondent")}>
              {c.respondentName} {outside ? <span className="badge">{t("detail.outsideParty")}</span> : null}
              {c.respondentCreditCode ? (
                <div className="muted small">
                  {t("detail.creditCode")}: {c.respondentCreditCode}
                </div>
              ) : null}
              {c.respondentContact ? (
                <div className="muted small">
                  {t("detail.contact")}: {c.respondentContact}
                </div>
              ) : null}
            </Fact>
            <Fact label={t("detail.station")}>{stationName}</Fact>
            <Fact label={t("detail.mediator")}>{mediator?.name ?? t("detail.none")}</Fact>
            <Fact label={t("detail.type")}>{t(`type.${c.type}`)}</Fact>
            <Fact label={t("detail.amount")}>{formatMoney(c.amountFen, lng)}</Fact>
            <Fact label={t("detail.filed")}>{formatDateTime(c.filedAt, lng)}</Fact>
          </dl>
          <h3>{t("detail.facts")}</h3>
          <p className="tickets-text">{c.facts}</p>
          <h3>{t("detail.request")}</h3>
          <p className="tickets-text">{c.request}</p>
          {c.declineReason ? (
            <>
              <h3>{t("detail.declineReason")}</h3>
              <p className="tickets-text">{c.declineReason}</p>
            </>
          ) : null}
          {c.respondentAnsweredAt ? (
            <>
              <h3>{t("detail.respondentAnswer")}</h3>
              <p className="tickets-text">{c.respondentAnswer ?? "—"}</p>
            </>
          ) : null}
          {c.failReason ? (
            <>
              <h3>{t("detail.failReason")}</h3>
              <p className="tickets-text">{c.failReason}</p>
            </>
          ) : null}
          <h3>{t("detail.evidence")}</h3>
          <FileList
            files={evidence.map((f) => ({ id: f.id, name: f.originalName, size: f.size }))}
            hrefOf={(f) => `/disputes/${c.id}/files/${f.id}`}
            empty={t("detail.noEvidence")}
          />
        </section>

        <section className="card" aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">{t("detail.deadlines")}</h2>
          {deadlines.length === 0 ? (
            <p className="muted">{t("detail.noDeadlines")}</p>
          ) : (
            <ul className="plain-list">
              {deadlines.map((d) => (
                <li key={d.kind}>
                  <DeadlineLine d={d} lng={lng} withLabel />
                </li>
              ))}
            </ul>
          )}
          {c.extendedDays > 0 ? <p className="small">{t("detail.extended", { days: c.extendedDays })}</p> : null}
          {c.extensionDays !== null ? (
            <p className="small">
              <strong>{t("detail.extension")}:</strong> {t("detail.extensionPending", { days: c.extensionDays, reason: c.extensionReason ?? "" })}
              <br />
              {t("detail.consents", {
                applicant: c.extensionApplicantConsentAt ? t("detail.consented") : t("detail.notConsented"),
                respondent: c.extensionRespondentConsentAt ? t("detail.consented") : t("detail.notConsented"),
              })}
            </p>
          ) : null}

          <h2>{t("detail.sessions")}</h2>
          {sessions.length === 0 ? (
            <p className="muted">{t("detail.noSessions")}</p>
          ) : (
            <ol className="timeline">
              {sessions.map((s) => (
                <li key={s.id}>
                  <strong>{formatDateTime(s.startsAt, lng)}</strong> · {t(`detail.${s.mode}`)}
                  <div className="timeline__meta">
                    {s.mode === "online" && s.link ? (
                      <a href={s.link} rel="noopener noreferrer" target="_blank">
                        {t("detail.join")}
                      </a>
                    ) : (
                      s.place
                    )}
                  </div>
                  <p className="tickets-text">
                    <span className="muted small">{t("detail.minutes")}: </span>
                    {s.minutes ?? t("detail.noMinutes")}
                  </p>
                </li>
              ))}
            </ol>
          )}

          {c.agreementTerms !== null ? (
            <>
              <h2>{t("detail.agreement")}</h2>
              <p className="tickets-text">{c.agreementTerms}</p>
              <p className="small">
                {t("detail.agreementAmount")}: {formatMoney(c.agreementAmountFen, lng)}
              </p>
              <ul className="plain-list small">
                <li data-confirmation="applicant">
                  {t("detail.applicant")}: {confirmedLine(c.applicantConfirmedAt)}
                </li>
                <li data-confirmation="respondent">
                  {t("detail.respondent")}: {confirmedLine(c.respondentConfirmedAt)}
                </li>
              </ul>
            </>
          ) : null}
          {c.referredAt ? (
            <>
              <h2>{t("detail.referral")}</h2>
              <p className="small">
                {t("detail.court")}: {c.referralCourt} · {t("detail.referralDate")}: {formatDate(c.referralDate, lng)}
                {c.referralCaseNumber ? ` · ${t("detail.caseNumber")}: ${c.referralCaseNumber}` : ""}
              </p>
            </>
          ) : null}
          {c.judicialAppliedAt ? (
            <>
              <h2>{t("detail.judicial")}</h2>
              <p className="small">
                {t("detail.court")}: {c.judicialCourt} {c.judicialCaseNumber ? ` · ${t("detail.caseNumber")}: ${c.judicialCaseNumber}` : ""}
                {c.judicialDecision ? (
                  <>
                    <br />
                    {t("detail.decision")}: <strong>{t(`detail.decision_${c.judicialDecision}`)}</strong> · {formatDateTime(c.judicialDecidedAt, lng)}
                    {c.judicialNote ? ` · ${c.judicialNote}` : ""}
                  </>
                ) : null}
              </p>
            </>
          ) : null}
          <div className="form-actions">
            {may.printAgreement ? (
              <Link to={`/disputes/${c.id}/agreement`} className="btn btn--ghost btn--small">
                {t("detail.printAgreement")}
              </Link>
            ) : null}
            {may.printReferral ? (
              <Link to={`/disputes/${c.id}/referral`} className="btn btn--ghost btn--small">
                {t("detail.printReferral")}
              </Link>
            ) : null}
          </div>
        </section>
      </div>

      <section aria-labelledby="actions-title" className="tickets-actions">
        <h2 id="actions-title">{t("detail.actions")}</h2>
        {!anyAction ? <p className="muted">{t("detail.noActions")}</p> : null}
        <div className="tickets-layout">
          {may.accept ? <ActionForm intent="accept" title={t("actions.acceptTitle")} submit={t("actions.accept")} hint={t("actions.acceptHint")} /> : null}
          {may.assign ? (
            <ActionForm intent="assign" title={t("actions.assignTitle")} submit={t("actions.assignMediator")}>
              <SelectField
                label={t("actions.mediator")}
                name="mediatorId"
                required
                defaultValue={val("assign", "mediatorId") ?? c.mediatorId ?? ""}
                placeholder={t("new.choose")}
                options={mediators.map((m) => ({ value: m.id, label: m.name }))}
                error={err("assign", "mediatorId")}
              />
            </ActionForm>
          ) : null}
          {may.invite ? (
            <ActionForm intent="invite" title={t("actions.inviteTitle")} submit={t("actions.inviteRespondent")} hint={t("actions.inviteHint")} />
          ) : null}
          {may.answer ? (
            <ActionForm intent="answer" title={outside ? t("actions.answerTitleStaff") : t("actions.answerTitle")} submit={t("actions.submitAnswer")}>
              <SelectField
                label={t("actions.answer")}
                name="answer"
                required
                defaultValue={val("answer", "answer") ?? "agree"}
                options={[
                  { value: "agree", label: t("actions.agree") },
                  { value: "decline", label: t("actions.declineMediation") },
                ]}
                error={err("answer", "answer")}
              />
              <TextAreaField
                label={t("actions.note")}
                name="note"
                rows={2}
                maxLength={2000}
                defaultValue={val("answer", "note")}
                error={err("answer", "note")}
              />
            </ActionForm>
          ) : null}
          {may.schedule ? (
            <ActionForm intent="session" title={t("actions.scheduleTitle")} submit={t("actions.schedule")}>
              <SelectField
                label={t("actions.mode")}
                name="mode"
                required
                defaultValue={val("session", "mode") ?? "online"}
                options={sessionModes.map((m) => ({ value: m, label: t(`detail.${m}`) }))}
                error={err("session", "mode")}
              />
              <TextField
                label={t("actions.startsAt")}
                name="startsAt"
                type="datetime-local"
                required
                defaultValue={val("session", "startsAt") ?? tomorrowLocal()}
                error={err("session", "startsAt")}
              />
              <TextField label={t("actions.place")} name="place" maxLength={200} defaultValue={val("session", "place") ?? ""} error={err("session", "place")} />
              <TextField
                label={t("actions.link")}
                name="link"
                type="url"
                maxLength={500}
                defaultValue={val("session", "link") ?? ""}
                error={err("session", "link")}
              />
            </ActionForm>
          ) : null}
          {may.minutes ? (
            <ActionForm intent="minutes" title={t("actions.minutesTitle")} submit={t("actions.saveMinutes")}>
              <SelectField
                label={t("actions.session")}
                name="sessionId"
                required
                defaultValue={val("minutes", "sessionId") ?? String(sessions[sessions.length - 1]?.id ?? "")}
                options={sessions.map((s) => ({ value: String(s.id), label: `${formatDateTime(s.startsAt, lng)} · ${t(`detail.${s.mode}`)}` }))}
                error={err("minutes", "sessionId")}
              />
              <TextAreaField
                label={t("actions.minutes")}
                name="minutes"
                required
                rows={4}
                maxLength={8000}
                defaultValue={val("minutes", "minutes")}
                error={err("minutes", "minutes")}
              />
            </ActionForm>
          ) : null}
          {may.draft ? (
            <ActionForm intent="draft" title={t("actions.draftTitle")} submit={t("actions.draft")} hint={t("actions.draftHint")}>
              <TextAreaField
                label={t("actions.terms")}
                name="terms"
                required
                rows={5}
                maxLength={8000}
                defaultValue={val("draft", "terms")}
                error={err("draft", "terms")}
              />
              <TextField
                label={t("actions.agreedAmount")}
                name="amountYuan"
                type="number"
                min={0}
                step="0.01"
                required
                defaultValue={val("draft", "amountYuan") ?? ""}
                error={err("draft", "amountYuan")}
              />
            </ActionForm>
          ) : null}
          {may.confirm ? (
            <ActionForm
              intent="confirm"
              title={t("actions.confirmTitle")}
              submit={t("actions.confirm")}
              hint={may.addEvidence ? t("actions.confirmHint") : t("actions.confirmHintStaff")}
            />
          ) : null}
          {may.requestExtension ? (
            <ActionForm intent="requestExtension" title={t("actions.extensionTitle")} submit={t("actions.requestExtension")} hint={t("actions.extensionHint")}>
              <TextField
                label={t("actions.days")}
                name="days"
                type="number"
                min={1}
                max={30}
                required
                defaultValue={val("requestExtension", "days") ?? "15"}
                error={err("requestExtension", "days")}
              />
              <TextAreaField
                label={t("actions.reason")}
                name="reason"
                required
                rows={2}
                maxLength={2000}
                defaultValue={val("requestExtension", "reason")}
                error={err("requestExtension", "reason")}
              />
            </ActionForm>
          ) : null}
          {may.consentExtension ? (
            <ActionForm
              intent="consentExtension"
              title={t("actions.consentTitle")}
              submit={may.addEvidence ? t("actions.consent") : t("actions.consentStaff")}
            />
          ) : null}
          {may.refer ? (
            <ActionForm intent="refer" title={t("actions.referTitle")} submit={t("actions.refer")}>
              <TextField
                label={t("actions.court")}
                name="court"
                required
                maxLength={120}
                defaultValue={val("refer", "court") ?? court}
                error={err("refer", "court")}
              />
              <TextField
                label={t("actions.caseNumber")}
                name="caseNumber"
                maxLength={60}
                defaultValue={val("refer", "caseNumber") ?? ""}
                error={err("refer", "caseNumber")}
              />
              <TextField
                label={t("actions.referralDate")}
                name="date"
                type="date"
                required
                defaultValue={val("refer", "date") ?? today}
                error={err("refer", "date")}
              />
            </ActionForm>
          ) : null}
          {may.apply ? (
            <ActionForm intent="apply" title={t("actions.applyTitle")} submit={t("actions.apply")} hint={t("actions.applyHint")}>
              <TextField
                label={t("actions.court")}
                name="court"
                required
                maxLength={120}
                defaultValue={val("apply", "court") ?? court}
                error={err("apply", "court")}
              />
              <TextField
                label={t("actions.caseNumber")}
                name="caseNumber"
                maxLength={60}
                defaultValue={val("apply", "caseNumber") ?? ""}
                error={err("apply", "caseNumber")}
              />
            </ActionForm>
          ) : null}
          {may.decide ? (
            <ActionForm intent="decide" title={t("actions.decideTitle")} submit={t("actions.decide")}>
              <SelectField
                label={t("actions.decision")}
                name="decision"
                required
                defaultValue={val("decide", "decision") ?? "confirmed"}
                options={[
                  { value: "confirmed", label: t("detail.decision_confirmed") },
                  { value: "refused", label: t("detail.decision_refused") },
                ]}
                error={err("decide", "decision")}
              />
              <TextAreaField
                label={t("actions.note")}
                name="note"
                rows={2}
                maxLength={2000}
                defaultValue={val("decide", "note")}
                error={err("decide", "note")}
              />
            </ActionForm>
          ) : null}
          {may.addEvidence ? (
            <ActionForm intent="addEvidence" title={t("detail.addEvidence")} submit={t("detail.addEvidenceSubmit")} multipart>
              <TextField
                label={t("new.evidence")}
                name={EVIDENCE_FIELD}
                type="file"
                multiple
                required
                accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.zip"
                hint={t("new.evidenceHint", { max: MAX_EVIDENCE_FILES })}
                error={err("addEvidence", EVIDENCE_FIELD)}
              />
            </ActionForm>
          ) : null}
        </div>
        <div className="form-actions">
          {may.decline ? (
            <ConfirmWithReason
              label={t("actions.decline")}
              question={t("actions.declineQuestion")}
              confirmLabel={t("actions.decline")}
              intent="decline"
              danger
              reasonLabel={t("actions.reason")}
              maxLength={2000}
              defaultValue={val("decline", "reason")}
              error={err("decline", "reason")}
            />
          ) : null}
          {may.rejectAgreement ? (
            <ConfirmWithReason
              label={t("actions.rejectAgreement")}
              question={t("actions.rejectQuestion")}
              confirmLabel={t("actions.rejectAgreement")}
              intent="rejectAgreement"
              danger
              reasonLabel={t("actions.reason")}
              maxLength={2000}
              defaultValue={val("rejectAgreement", "reason")}
              error={err("rejectAgreement", "reason")}
            />
          ) : null}
          {may.fail ? (
            <ConfirmWithReason
              label={t("actions.fail")}
              question={t("actions.failQuestion")}
              confirmLabel={t("actions.fail")}
              intent="fail"
              danger
              reasonLabel={t("actions.reason")}
              maxLength={2000}
              defaultValue={val("fail", "reason")}
              error={err("fail", "reason")}
            />
          ) : null}
          {may.close ? (
            <ConfirmAction label={t("actions.close")} question={t("actions.closeQuestion")} confirmLabel={t("actions.close")} intent="close" />
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("detail.timeline")}</h2>
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.id}>
              <strong>{t(`event.${e.kind}`)}</strong>
              <div className="timeline__meta">
                {e.actorName ?? t("event.system")} · {formatDateTime(e.at, lng)}
              </div>
              {e.body && e.kind !== "reminder_sent" && e.kind !== "agreement_confirmed" && e.kind !== "extension_consented" && e.kind !== "settled" ? (
                <p className="tickets-text">{e.body}</p>
              ) : null}
              {e.body && (e.kind === "agreement_confirmed" || e.kind === "extension_consented" || e.kind === "settled") ? (
                <p className="muted small">{t(`side.${e.body}`)}</p>
              ) : null}
              {e.kind === "reminder_sent" && e.body ? <p className="muted small">{t(`deadline.${e.body}`)}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

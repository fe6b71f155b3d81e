import { FileList } from "../components/file-list";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "../components/fields";
import { Alert, Badge, ConfirmAction, PageHeader } from "../components/ui";
import { formatDate, formatDateTime, formatMoney, shanghaiToday } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { can, type Ability } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import { discardUploads } from "../lib/uploads.server";
import * as z from "zod";
import { useRootData } from "../root";
import { actionsFor } from "../modules/finance/application-states";
import { DOCUMENT_FIELD, MAX_DOCUMENTS } from "../modules/finance/constants";
import { receiveDocumentForm } from "../modules/finance/documents.server";
import { approveSchema, declineSchema, disburseSchema, infoReplySchema, infoRequestSchema } from "../modules/finance/forms";
import {
  addApplicationDocuments,
  approveApplication,
  declineApplication,
  disburseApplication,
  getApplication,
  provideApplicationInfo,
  requestApplicationInfo,
  reviewApplication,
  withdrawApplication,
} from "../modules/finance/finance.server";
import { idParam } from "../lib/ids";
import { lookupIntent } from "../lib/intents.server";
import { runForm } from "../modules/finance/route-helpers.server";
import { ApplicationStatusBadge, Fact, IntentForm, rate } from "../components/finance/ui";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("financeApplication", (d) => ({ id: d.app.id, name: d.enterpriseName }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.applications");
  const found = await getApplication(actor, idParam(params));
  if (!found) notFound();
  const side = can(actor, "finance.decide") ? "bank" : can(actor, "finance.respond") ? "member" : null;
  const open = side ? actionsFor(found.app.status, side) : [];
  const canAddDocuments = side === "member" && !["declined", "withdrawn", "disbursed"].includes(found.app.status);
  return { ...found, open, canAddDocuments, today: shanghaiToday() };
}

const intentAbility: Record<string, Ability> = {
  review: "finance.decide",
  requestInfo: "finance.decide",
  approve: "finance.decide",
  decline: "finance.decide",
  disburse: "finance.decide",
  provideInfo: "finance.respond",
  withdraw: "finance.respond",
  documents: "finance.respond",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params);
  const upload = await receiveDocumentForm(request);
  if (!upload.ok) {
    await requireSignedIn(request, "finance.applications");
    return data({ intent: "documents", errors: { [DOCUMENT_FIELD]: upload.error } as Record<string, string>, values: {} }, { status: upload.status });
  }
  const formData = upload.fields;
  const intent = String(formData.get("intent") ?? "");
  // An own key of the map only: "toString" or "__proto__" is an unknown intent, never Object.prototype's.
  const known = lookupIntent(intentAbility, intent);
  const actor = await requireSignedIn(request, known ? intentAbility[known] : "finance.applications").catch(async (e: unknown) => {
    await discardUploads(upload.files);
    throw e;
  });
  if (intent !== "documents" && upload.files.length) await discardUploads(upload.files);
  const opts = { ip: clientIp(request) };
  let outcome;
  switch (intent) {
    case "review":
      outcome = await runForm(intent, formData, z.object({}), () => reviewApplication(actor, id, opts));
      break;
    case "requestInfo":
      outcome = await runForm(intent, formData, infoRequestSchema, (d) => requestApplicationInfo(actor, id, d.question, opts));
      break;
    case "approve":
      outcome = await runForm(intent, formData, approveSchema, (d) => approveApplication(actor, id, d, opts));
      break;
    case "decline":
      outcome = await runForm(intent, formData, declineSchema, (d) => declineApplication(actor, id, d.reason, opts));
      break;
    case "disburse":
      outcome = await runForm(intent, formData, disburseSchema, (d) => disburseApplication(actor, id, d, opts));
      break;
    case "provideInfo":
      outcome = await runForm(intent, formData, infoReplySchema, (d) => provideApplicationInfo(actor, id, d.reply, opts));
      break;
    case "withdraw":
      outcome = await runForm(intent, formData, z.object({}), () => withdrawApplication(actor, id, opts));
      break;
    case "documents": {
      if (upload.files.length === 0)
        return data({ intent, errors: { [DOCUMENT_FIELD]: "finance:errors.noDocument" } as Record<string, string>, values: {} }, { status: 400 });
      outcome = await runForm(intent, formData, z.object({}), () => addApplicationDocuments(actor, id, upload.files, opts)).catch(async (e: unknown) => {
        await discardUploads(upload.files);
        throw e;
      });
      if (outcome.response) await discardUploads(upload.files);
      break;
    }
    default:
      return data({ intent, errors: { _form: "common:errors.badRequest.body" } as Record<string, string>, values: {} }, { status: 400 });
  }
  if (outcome.response) return outcome.response;
  throw redirectWithFlash(`/finance/applications/${id}`, `finance:flash.${intent}`, request);
}

export default function ApplicationPage() {
  const { t } = useTranslation("finance");
  const { app, enterpriseName, product, bankZh, bankEn, events, documents, loan, line, open, canAddDocuments, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const err = (intent: string, field: string) => (actionData?.intent === intent ? actionData.errors?.[field] : undefined);
  const has = (a: string) => open.includes(a as never);
  return (
    <>
      <PageHeader
        title={`${t("applications.label", { id: app.id })} · ${enterpriseName}`}
        lead={
          <>
            <ApplicationStatusBadge status={app.status} /> {product.name} · {lng === "zh-CN" ? bankZh : bankEn}{" "}
            {line ? <Badge tone="info">{t("applications.line")}</Badge> : null}
          </>
        }
        actions={
          <Link to="/finance/applications" className="btn btn--ghost btn--small">
            {t("back")}
          </Link>
        }
      />
      <Alert tone={app.status === "declined" || app.status === "info_needed" ? "warn" : "info"}>{t(`applicationNext.${app.status}`)}</Alert>
      {app.status === "declined" && app.declineReason ? <Alert tone="error">{t("applications.declinedBecause", { reason: app.declineReason })}</Alert> : null}
      {app.status === "info_needed" && app.infoRequest ? <Alert tone="warn">{t("applications.infoAsked", { question: app.infoRequest })}</Alert> : null}
      {actionData?.errors?._form ? <FormErrors errors={{ _form: actionData.errors._form }} /> : null}
      <div className="tickets-layout">
        <section className="card">
          <dl className="tickets-facts">
            <Fact label={t("applications.amount")}>{formatMoney(app.amountFen, lng)}</Fact>
            <Fact label={t("applications.termMonths")}>{app.termMonths}</Fact>
            <Fact label={t("applications.submittedAt")}>{formatDateTime(app.createdAt, lng)}</Fact>
            {app.needId ? (
              <Fact label={t("needs.need")}>
                <Link to={`/finance/needs/${app.needId}`}>{t("needs.label", { id: app.needId })}</Link>
              </Fact>
            ) : null}
            {line ? (
              <Fact label={t("applications.line")}>
                {lng === "zh-CN" ? line.associationZh : line.associationEn} ·{" "}
                {t("applications.lineLeft", { left: formatMoney(line.line.amountFen - line.line.drawnFen, lng) })}
              </Fact>
            ) : null}
            {app.approvedAmountFen ? (
              <Fact label={t("applications.approvedTerms")}>
                {formatMoney(app.approvedAmountFen, lng)} · {rate(app.approvedRateBp)} · {t("applications.monthsN", { months: app.approvedTermMonths })}
              </Fact>
            ) : null}
            {loan ? (
              <Fact label={t("applications.loan")}>
                {formatMoney(loan.amountFen, lng)} ·{" "}
                {t("applications.disbursedMatures", { disbursed: formatDate(loan.disbursedOn, lng), matures: formatDate(loan.maturesOn, lng) })}
              </Fact>
            ) : null}
          </dl>
          {app.note ? <p>{app.note}</p> : null}
          <h3>{t("applications.documents")}</h3>
          <FileList files={documents} hrefOf={(d) => `/finance/applications/${app.id}/documents/${d.id}`} empty={t("applications.noDocuments")} />
          <h3>{t("applications.history")}</h3>
          <ol className="timeline">
            {events.map((ev) => (
              <li key={ev.id}>
                <span className="small muted">{formatDateTime(ev.at, lng)}</span> · {ev.actorName ?? "—"} ·{" "}
                {ev.toStatus ? t(`applicationStatus.${ev.toStatus}`) : ""}
                {ev.note ? <p>{ev.note}</p> : null}
              </li>
            ))}
          </ol>
        </section>
        <div>
          {has("review") ? <IntentForm intent="review" title={t("applications.reviewTitle")} submit={t("applications.review")} /> : null}
          {has("requestInfo") ? (
            <IntentForm intent="requestInfo" title={t("applications.requestInfoTitle")} submit={t("applications.requestInfo")}>
              <TextAreaField label={t("applications.question")} name="question" required maxLength={2000} rows={3} error={err("requestInfo", "question")} />
            </IntentForm>
          ) : null}
          {has("approve") ? (
            <IntentForm intent="approve" title={t("applications.approveTitle")} submit={t("applications.approve")}>
              <div className="form-row">
                <TextField
                  label={t("applications.amountWan")}
                  name="amountWan"
                  type="number"
                  min={0.01}
                  step="0.01"
                  defaultValue={String(app.amountFen / 1_000_000)}
                  required
                  error={err("approve", "amountWan")}
                />
                <TextField
                  label={t("applications.ratePct")}
                  name="ratePct"
                  type="number"
                  min={0}
                  max={36}
                  step="0.01"
                  defaultValue={String(product.minRateBp / 100)}
                  required
                  error={err("approve", "ratePct")}
                />
                <TextField
                  label={t("applications.termMonths")}
                  name="termMonths"
                  type="number"
                  min={1}
                  max={360}
                  defaultValue={String(app.termMonths)}
                  required
                  error={err("approve", "termMonths")}
                />
              </div>
              <TextAreaField label={t("applications.note")} name="note" maxLength={2000} rows={2} error={err("approve", "note")} />
            </IntentForm>
          ) : null}
          {has("decline") ? (
            <IntentForm intent="decline" title={t("applications.declineTitle")} submit={t("applications.decline")} danger>
              <TextAreaField
                label={t("applications.reason")}
                name="reason"
                required
                maxLength={2000}
                rows={3}
                hint={t("applications.reasonHint")}
                error={err("decline", "reason")}
              />
            </IntentForm>
          ) : null}
          {has("disburse") ? (
            <IntentForm intent="disburse" title={t("applications.disburseTitle")} submit={t("applications.disburse")}>
              <TextField
                label={t("applications.disbursedOn")}
                name="disbursedOn"
                type="date"
                defaultValue={today}
                required
                error={err("disburse", "disbursedOn")}
              />
              <CheckboxField label={t("applications.renewable")} name="renewable" />
            </IntentForm>
          ) : null}
          {has("provideInfo") ? (
            <IntentForm intent="provideInfo" title={t("applications.provideInfoTitle")} submit={t("applications.provideInfo")}>
              <TextAreaField label={t("applications.reply")} name="reply" required maxLength={2000} rows={3} error={err("provideInfo", "reply")} />
            </IntentForm>
          ) : null}
          {canAddDocuments ? (
            <IntentForm intent="documents" title={t("applications.addDocuments")} submit={t("applications.upload")} encType="multipart/form-data">
              <TextField
                label={t("applications.documents")}
                name={DOCUMENT_FIELD}
                type="file"
                multiple
                required
                accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx"
                hint={t("applications.documentsHint", { max: MAX_DOCUMENTS })}
                error={err("documents", DOCUMENT_FIELD)}
              />
            </IntentForm>
          ) : null}
          {has("withdraw") ? (
            <ConfirmAction
              label={t("applications.withdraw")}
              question={t("applications.withdrawQuestion")}
              confirmLabel={t("applications.withdrawConfirm")}
              intent="withdraw"
              danger
            />
          ) : null}
        </div>
      </div>
    </>
  );
}

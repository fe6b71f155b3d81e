import { FileList } from "../components/file-list";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField } from "../components/fields";
import { ConfirmWithReason } from "../components/confirm-with-reason";
import { Alert, Badge, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { can } from "../lib/permissions";
import { intent, runIntent, type IntentFailure } from "../lib/intents.server";
import { useRootData } from "../root";
import { ticketCategories, ticketPriorities } from "../modules/tickets/constants";
import { REOPEN_WINDOW_MS } from "../modules/tickets/calendar";
import {
  acceptSchema,
  answerSchema,
  commentSchema,
  infoReplySchema,
  infoRequestSchema,
  outcomeSchema,
  rateSchema,
  reasonSchema,
  referSchema,
} from "../modules/tickets/forms";
import { canWaitOnEnterprise } from "../modules/tickets/state-machine";
import {
  acceptAndReferTicket,
  acceptTicket,
  addComment,
  answerTicket,
  getTicket,
  provideInfo,
  rateTicket,
  referTicket,
  rejectTicket,
  reopenTicket,
  requestInfo,
  resolveTicket,
  returnTicket,
  ticketFormOptions,
} from "../modules/tickets/tickets.server";
import { ClockBadges, StatusBadge } from "../components/tickets/ui";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("ticketsId", (d) => ({ id: d.ticket.id, name: d.ticket.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.view");
  const id = idParam(params);
  const found = await getTicket(actor, id);
  if (!found) notFound();
  const staff = can(actor, "tickets.triage");
  const options = staff ? await ticketFormOptions(actor, false) : null;
  const { ticket } = found;
  const waiting = Boolean(ticket.waitingSince);
  const now = Date.now();
  const may = {
    accept: staff && ticket.status === "submitted",
    reject: staff && (ticket.status === "submitted" || ticket.status === "accepted"),
    refer: staff && !waiting && (ticket.status === "accepted" || ticket.status === "answered"),
    resolve: staff && !waiting && (ticket.status === "accepted" || ticket.status === "answered"),
    requestInfo: staff && !waiting && canWaitOnEnterprise(ticket.status),
    answer: can(actor, "tickets.answer") && ticket.status === "referred" && !waiting,
    return: can(actor, "tickets.answer") && ticket.status === "referred",
    provideInfo: can(actor, "tickets.respond") && waiting,
    rate: can(actor, "tickets.respond") && ticket.status === "resolved",
    reopen:
      can(actor, "tickets.respond") && ticket.status === "resolved" && ticket.resolvedAt !== null && now - ticket.resolvedAt.getTime() <= REOPEN_WINDOW_MS,
    comment: can(actor, "tickets.comment"),
    internal: actor.role !== "member",
  };
  return {
    ...found,
    may,
    departments: options?.departments ?? [],
    staffList: options?.staff ?? [],
    back: actor.role === "department" ? "/inbox" : "/tickets",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const id = idParam(params);
  // Each intent: the ability it needs, its form and the module command (app/lib/intents.server.ts).
  const intents = {
    // With a department chosen, accept and refer in one step.
    accept: intent("tickets.triage", acceptSchema, (actor, d) =>
      d.departmentId ? acceptAndReferTicket(actor, id, { ...d, departmentId: d.departmentId }) : acceptTicket(actor, id, d),
    ),
    reject: intent("tickets.triage", reasonSchema, (actor, d) => rejectTicket(actor, id, d.reason)),
    refer: intent("tickets.triage", referSchema, (actor, d) => referTicket(actor, id, d)),
    resolve: intent("tickets.triage", outcomeSchema, (actor, d) => resolveTicket(actor, id, d.outcome)),
    requestInfo: intent("tickets.triage", infoRequestSchema, (actor, d) => requestInfo(actor, id, d.question)),
    answer: intent("tickets.answer", answerSchema, (actor, d) => answerTicket(actor, id, d.answer)),
    return: intent("tickets.answer", reasonSchema, (actor, d) => returnTicket(actor, id, d.reason)),
    reopen: intent("tickets.respond", reasonSchema, (actor, d) => reopenTicket(actor, id, d.reason)),
    rate: intent("tickets.respond", rateSchema, (actor, d) => rateTicket(actor, id, d)),
    provideInfo: intent("tickets.respond", infoReplySchema, (actor, d) => provideInfo(actor, id, d.reply)),
    comment: intent("tickets.comment", commentSchema, (actor, d) => addComment(actor, id, d)),
  };
  return runIntent(request, formData, intents, {
    unknownAbility: "tickets.view",
    success: () => `/tickets/${id}`,
    flash: ({ intent, value }) => (intent === "accept" && value.status === "referred" ? "tickets:flash.acceptRefer" : `tickets:flash.${intent}`),
  });
}

type Intent = "accept" | "reject" | "refer" | "answer" | "return" | "resolve" | "reopen" | "rate" | "requestInfo" | "provideInfo" | "comment";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tickets-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ActionForm({ intent, title, submit, children, danger }: { intent: Intent; title: string; submit: string; children: ReactNode; danger?: boolean }) {
  const navigation = useNavigation();
  return (
    <Form method="post" className="form card tickets-action" aria-label={title}>
      <h3>{title}</h3>
      {children}
      <div className="form-actions">
        <button type="submit" name="intent" value={intent} className={`btn ${danger ? "btn--danger" : ""}`} disabled={navigation.state === "submitting"}>
          {submit}
        </button>
      </div>
    </Form>
  );
}

export default function TicketPage() {
  const { t } = useTranslation("tickets");
  const { ticket, enterprise, department, handlerName, events, attachments, may, departments, staffList, back } = useLoaderData<typeof loader>();
  const actionData = useActionData<IntentFailure>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const err = (intent: Intent, field: string) => (actionData?.intent === intent ? actionData.errors?.[field] : undefined);
  const val = (intent: Intent, field: string) =>
    actionData?.intent === intent ? String((actionData.values as Record<string, unknown>)?.[field] ?? "") : undefined;
  const waiting = Boolean(ticket.waitingSince);
  const deptName = department ? (lng === "zh-CN" ? department.nameZh : department.nameEn) : null;
  return (
    <>
      <PageHeader
        title={`${t("detail.title", { id: ticket.id })} · ${ticket.title}`}
        lead={
          <>
            <StatusBadge status={ticket.status} />{" "}
            <ClockBadges
              overdue={ticket.overdue}
              waiting={waiting}
              escalated={Boolean(ticket.escalatedAt) && ticket.status === "referred"}
              flagged={ticket.flaggedForReview}
            />{" "}
            {ticket.kind === "complaint" ? <Badge>{t("kind.complaint")}</Badge> : null}{" "}
            {ticket.urgency === "urgent" ? <Badge tone="danger">{t("urgency.urgent")}</Badge> : null}
          </>
        }
        actions={
          <Link to={back} className="btn btn--ghost btn--small">
            {t("detail.back")}
          </Link>
        }
      />
      <Alert tone={ticket.status === "rejected" ? "warn" : "info"}>{waiting ? t("nextStep.waiting") : t(`nextStep.${ticket.status}`)}</Alert>
      {actionData?.errors?._form ? <FormErrors errors={{ _form: actionData.errors._form }} /> : null}
      <div className="tickets-layout">
        <section className="card">
          <dl className="tickets-facts">
            <Fact label={t("detail.enterprise")}>{enterprise?.name}</Fact>
            <Fact label={t("detail.category")}>{t(`category.${ticket.category}`)}</Fact>
            <Fact label={t("detail.urgency")}>{t(`urgency.${ticket.urgency}`)}</Fact>
            <Fact label={t("detail.priority")}>{t(`priority.${ticket.priority}`)}</Fact>
            <Fact label={t("detail.source")}>
              {t(`source.${ticket.source}`)}
              {ticket.visitId && may.internal ? (
                <>
                  {" · "}
                  <Link to={`/visits/${ticket.visitId}`}>
                    {t("detail.visit")} #{ticket.visitId}
                  </Link>
                </>
              ) : null}
            </Fact>
            <Fact label={t("detail.handler")}>{handlerName ?? t("detail.none")}</Fact>
            <Fact label={t("detail.department")}>{deptName ?? t("detail.none")}</Fact>
            <Fact label={t("detail.created")}>{formatDateTime(ticket.createdAt, lng)}</Fact>
            <Fact label={t("detail.acceptDue")}>{formatDateTime(ticket.acceptDueAt, lng)}</Fact>
            {ticket.answerDueAt ? <Fact label={t("detail.answerDue")}>{formatDateTime(ticket.answerDueAt, lng)}</Fact> : null}
            {ticket.resolvedAt ? <Fact label={t("detail.resolved")}>{formatDateTime(ticket.resolvedAt, lng)}</Fact> : null}
            {ticket.rating ? <Fact label={t("detail.rating")}>{t("detail.ratingValue", { rating: ticket.rating })}</Fact> : null}
          </dl>
          <h2>{t("detail.description")}</h2>
          <p className="tickets-text">{ticket.description}</p>
          {ticket.outcome ? (
            <>
              <h2>{t("detail.outcome")}</h2>
              <p className="tickets-text">{ticket.outcome}</p>
            </>
          ) : null}
          {ticket.rejectReason ? (
            <>
              <h2>{t("detail.rejectReason")}</h2>
              <p className="tickets-text">{ticket.rejectReason}</p>
            </>
          ) : null}
          <h2>{t("detail.attachments")}</h2>
          <FileList
            files={attachments.map((a) => ({ id: a.id, name: a.originalName, size: a.size }))}
            hrefOf={(a) => `/tickets/${ticket.id}/attachments/${a.id}`}
            empty={t("detail.noAttachments")}
          />
        </section>

        <section aria-labelledby="actions-title" className="tickets-actions">
          <h2 id="actions-title">{t("detail.actions")}</h2>
          {may.accept ? (
            <ActionForm intent="accept" title={t("actions.acceptTitle")} submit={t("actions.accept")}>
              <div className="form-row">
                <SelectField
                  label={t("actions.category")}
                  name="category"
                  defaultValue={val("accept", "category") ?? ticket.category}
                  options={ticketCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                  error={err("accept", "category")}
                />
                <SelectField
                  label={t("actions.priority")}
                  name="priority"
                  defaultValue={val("accept", "priority") ?? ticket.priority}
                  options={ticketPriorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                  error={err("accept", "priority")}
                />
              </div>
              <SelectField
                label={t("actions.handler")}
                name="handlerId"
                required
                defaultValue={val("accept", "handlerId") ?? ""}
                placeholder={t("new.choose")}
                options={staffList.map((s) => ({ value: s.id, label: s.displayName }))}
                error={err("accept", "handlerId")}
              />
              <SelectField
                label={t("actions.acceptRefer")}
                name="departmentId"
                hint={t("actions.acceptReferHint")}
                defaultValue={val("accept", "departmentId") ?? ""}
                placeholder={t("new.choose")}
                options={departments.map((d) => ({ value: String(d.id), label: lng === "zh-CN" ? d.nameZh : d.nameEn }))}
                error={err("accept", "departmentId")}
              />
            </ActionForm>
          ) : null}
          {may.refer ? (
            <ActionForm intent="refer" title={t("actions.referTitle")} submit={t("actions.refer")}>
              <SelectField
                label={t("actions.referDepartment")}
                name="departmentId"
                required
                defaultValue={val("refer", "departmentId") ?? ""}
                placeholder={t("new.choose")}
                options={departments.map((d) => ({ value: String(d.id), label: lng === "zh-CN" ? d.nameZh : d.nameEn }))}
                error={err("refer", "departmentId")}
              />
              <TextAreaField
                label={t("actions.referNote")}
                name="note"
                rows={2}
                maxLength={2000}
                defaultValue={val("refer", "note")}
                error={err("refer", "note")}
              />
            </ActionForm>
          ) : null}
          {may.answer ? (
            <ActionForm intent="answer" title={t("actions.answerTitle")} submit={t("actions.answer")}>
              <TextAreaField
                label={t("actions.answerField")}
                name="answer"
                required
                rows={4}
                maxLength={4000}
                defaultValue={val("answer", "answer")}
                error={err("answer", "answer")}
              />
            </ActionForm>
          ) : null}
          {may.resolve ? (
            <ActionForm intent="resolve" title={t("actions.resolveTitle")} submit={t("actions.resolve")}>
              <TextAreaField
                label={t("actions.outcome")}
                name="outcome"
                required
                rows={3}
                maxLength={4000}
                defaultValue={val("resolve", "outcome")}
                error={err("resolve", "outcome")}
              />
            </ActionForm>
          ) : null}
          {may.provideInfo ? (
            <ActionForm intent="provideInfo" title={t("actions.provideInfoTitle")} submit={t("actions.provideInfo")}>
              <TextAreaField
                label={t("actions.reply")}
                name="reply"
                required
                rows={3}
                maxLength={4000}
                defaultValue={val("provideInfo", "reply")}
                error={err("provideInfo", "reply")}
              />
            </ActionForm>
          ) : null}
          {may.rate ? (
            <ActionForm intent="rate" title={t("actions.rateTitle")} submit={t("actions.rate")}>
              <SelectField
                label={t("actions.rating")}
                name="rating"
                required
                defaultValue={val("rate", "rating") ?? ""}
                placeholder={t("new.choose")}
                options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`actions.rating${n}`) }))}
                error={err("rate", "rating")}
              />
              <TextAreaField
                label={t("actions.ratingComment")}
                name="comment"
                rows={2}
                maxLength={2000}
                hint={t("actions.ratingHint")}
                defaultValue={val("rate", "comment")}
                error={err("rate", "comment")}
              />
            </ActionForm>
          ) : null}
          {may.requestInfo ? (
            <ActionForm intent="requestInfo" title={t("actions.requestInfoTitle")} submit={t("actions.requestInfo")}>
              <TextAreaField
                label={t("actions.question")}
                name="question"
                required
                rows={2}
                maxLength={2000}
                defaultValue={val("requestInfo", "question")}
                error={err("requestInfo", "question")}
              />
            </ActionForm>
          ) : null}
          <div className="form-actions">
            {may.reject ? (
              <ConfirmWithReason
                label={t("actions.reject")}
                question={t("actions.rejectQuestion")}
                confirmLabel={t("actions.reject")}
                intent="reject"
                danger
                reasonLabel={t("actions.reason")}
                maxLength={2000}
                defaultValue={val("reject", "reason")}
                error={err("reject", "reason")}
              />
            ) : null}
            {may.return ? (
              <ConfirmWithReason
                label={t("actions.return")}
                question={t("actions.returnQuestion")}
                confirmLabel={t("actions.return")}
                intent="return"
                danger
                reasonLabel={t("actions.returnReason")}
                maxLength={2000}
                defaultValue={val("return", "reason")}
                error={err("return", "reason")}
              />
            ) : null}
            {may.reopen ? (
              <ConfirmWithReason
                label={t("actions.reopen")}
                question={t("actions.reopenQuestion")}
                confirmLabel={t("actions.reopen")}
                intent="reopen"
                reasonLabel={t("actions.reopenReason")}
                maxLength={2000}
                defaultValue={val("reopen", "reason")}
                error={err("reopen", "reason")}
              />
            ) : null}
          </div>
        </section>
      </div>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("detail.timeline")}</h2>
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.id} className={e.internal ? "tickets-event--internal" : undefined}>
              <strong>{t(`event.${e.kind}`, { department: e.body ?? "", handler: e.body ?? "" })}</strong>{" "}
              {e.internal ? <Badge tone="warn">{t("event.internal")}</Badge> : null}
              <div className="timeline__meta">
                {e.actorName ?? t("event.system")} · {formatDateTime(e.at, lng)}
              </div>
              {e.body && e.kind !== "referred" && e.kind !== "reassigned" ? <p className="tickets-text">{e.body}</p> : null}
            </li>
          ))}
        </ol>
        {may.comment ? (
          <ActionForm intent="comment" title={t("actions.commentTitle")} submit={t("actions.comment")}>
            <TextAreaField
              label={t("actions.commentField")}
              name="body"
              required
              rows={3}
              maxLength={4000}
              defaultValue={val("comment", "body")}
              error={err("comment", "body")}
            />
            {may.internal ? <CheckboxField label={t("actions.internal")} name="internal" defaultChecked={val("comment", "internal") === "on"} /> : null}
          </ActionForm>
        ) : null}
      </section>
    </>
  );
}

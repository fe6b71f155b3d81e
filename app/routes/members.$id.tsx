import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextField } from "../components/fields";
import { EnterpriseFields } from "../components/members/enterprise-fields";
import { ReasonText, StatusBadge, DuesBadge } from "../components/members/status";
import { DataTable, type Column } from "../components/data-table";
import { Alert, Badge, ConfirmAction, EmptyState, PageHeader } from "../components/ui";
import { useValidatedForm } from "../components/use-validated-form";
import { formatDate, formatDateTime, formatMoney, shanghaiToday } from "../lib/format";
import { notFound, requireAbility } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { intent, runIntent, type IntentFailure } from "../lib/intents.server";
import { liaisonSchema } from "../modules/finance/forms";
import { financeSideOf, liaisonChoices, setFinanceLiaison } from "../modules/finance/liaisons.server";
import { useRootData } from "../root";
import { listAssociations } from "../modules/members/join.server";
import {
  addEnterpriseUser,
  addMembership,
  changeMembershipStatus,
  changeMembershipType,
  decideChangeRequest,
  getEnterpriseRecord,
  recordDuesPaid,
  updateEnterprise,
} from "../modules/members/members.server";
import { allowedTransitions, duesState, nextStep } from "../modules/members/membership-rules";
import {
  addMembershipSchema,
  addUserSchema,
  decideChangeSchema,
  duesPaidSchema,
  enterpriseProfileSchema,
  optionalFiguresText,
  membershipTypes,
  statusChangeSchema,
  typeChangeSchema,
} from "../modules/members/forms";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("membersId", (d) => ({ name: d.enterprise.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAbility(request, "members.view");
  const record = await getEnterpriseRecord(idParam(params));
  if (!record) notFound();
  return {
    ...record,
    associations: await listAssociations(),
    today: shanghaiToday(),
    financeSide: await financeSideOf(record.enterprise.id),
    liaisons: await liaisonChoices(),
  };
}

type ActionData = IntentFailure;

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam(params);
  const form = await request.formData();
  const ip = clientIp(request);
  const intents = {
    update: intent("members.manage", enterpriseProfileSchema, (actor, input) => updateEnterprise(actor, id, input, ip)),
    status: intent("members.manage", statusChangeSchema, (actor, input) => changeMembershipStatus(actor, id, input, ip)),
    type: intent("members.manage", typeChangeSchema, (actor, input) => changeMembershipType(actor, id, input, ip)),
    addMembership: intent("members.manage", addMembershipSchema, (actor, input) => addMembership(actor, id, input, ip)),
    duesPaid: intent("members.manage", duesPaidSchema, (actor, input) => recordDuesPaid(actor, id, input, ip)),
    addUser: intent("members.manage", addUserSchema, (actor, input) => addEnterpriseUser(actor, id, input, ip)),
    decideChange: intent("members.manage", decideChangeSchema, (actor, input) => decideChangeRequest(actor, id, input, ip)),
    liaison: intent("members.manage", liaisonSchema, (actor, input) => setFinanceLiaison(actor, id, input, ip)),
  };
  return runIntent(request, form, intents, {
    unknownAbility: "members.manage",
    success: () => `/members/${id}`,
    flash: ({ intent, input }) => (intent === "decideChange" ? `members:flash.change_${input.decision}` : `members:flash.${intent}`),
  });
}

function errorsFor(actionData: ActionData | undefined, intent: string) {
  return actionData?.intent === intent ? actionData.errors : undefined;
}

export default function MemberRecordPage() {
  const { t } = useTranslation(["members", "finance"]);
  const { enterprise, memberships, users, changeRequests, reminders, associations, today, financeSide, liaisons } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const busy = navigation.state === "submitting";
  const profileDefaults =
    actionData?.intent === "update" && actionData.values
      ? actionData.values
      : { ...enterprise, ...optionalFiguresText(enterprise), email: enterprise.email ?? "" };
  const { register, onSubmit, errorOf } = useValidatedForm(enterpriseProfileSchema, errorsFor(actionData, "update") ?? null, profileDefaults);
  const assocName = (a: { associationZh: string; associationEn: string }) => (lng === "en" ? a.associationEn : a.associationZh);
  const pendingChanges = changeRequests.filter((c) => c.status === "pending");
  const anyActive = memberships.some((m) => m.status === "active");
  const duesColumns: Column<(typeof memberships)[number]["dues"][number]>[] = [
    { key: "year", header: t("dues.year"), cell: (d) => d.year },
    { key: "amount", header: t("dues.amount"), align: "end", cell: (d) => formatMoney(d.amountFen, lng) },
    { key: "dueOn", header: t("dues.dueOn"), cell: (d) => formatDate(d.dueOn, lng) },
    { key: "paidOn", header: t("dues.paidOn"), cell: (d) => (d.paidOn ? formatDate(d.paidOn, lng) : <DuesBadge state={duesState(d, today)} />) },
    {
      key: "action",
      header: t("dues.action"),
      cell: (d) =>
        d.paidOn ? null : (
          <ConfirmAction
            label={t("dues.recordPaid")}
            question={t("dues.recordPaidQuestion", { year: d.year })}
            confirmLabel={t("dues.recordPaid")}
            intent="duesPaid"
          >
            <input type="hidden" name="duesId" value={d.id} />
            <TextField label={t("dues.paidOn")} name="paidOn" type="date" defaultValue={today} required />
          </ConfirmAction>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={enterprise.name}
        lead={
          <>
            <span className="mono">{enterprise.creditCode}</span>{" "}
            {anyActive ? <StatusBadge status="active" /> : memberships[0] ? <StatusBadge status={memberships[0].status} /> : null}{" "}
            {enterprise.aboveSize ? <Badge tone="info">{t("aboveSizeShort")}</Badge> : null}
          </>
        }
        actions={
          <Link to="/members" className="btn btn--ghost btn--small">
            {t("record.back")}
          </Link>
        }
      />
      {pendingChanges.length > 0 ? <Alert tone="warn">{t("record.changePendingNext")}</Alert> : null}

      <section className="card">
        <h2>{t("record.memberships")}</h2>
        <FormErrors errors={errorsFor(actionData, "status") ?? errorsFor(actionData, "type") ?? errorsFor(actionData, "duesPaid")} />
        {memberships.length === 0 ? <EmptyState title={t("record.noMemberships")} /> : null}
        {memberships.map((m) => {
          const current = m.dues[0] ?? null;
          const state = current ? duesState(current, today) : null;
          return (
            <article key={m.id} className="membership">
              <h3>
                {assocName(m)} · {t(`types.${m.type}`)} <StatusBadge status={m.status} /> <DuesBadge state={state} />
              </h3>
              <p className="muted">
                {t("record.joinedOn", { date: formatDate(m.joinedOn, lng) })} · {t(nextStep(m.status, state))}
                {m.statusReason ? (
                  <>
                    {" · "}
                    {t("record.reason")}: <ReasonText reason={m.statusReason} />
                  </>
                ) : null}
              </p>
              <DataTable label={t("record.dues")} showCaption columns={duesColumns} rows={m.dues} empty={{ title: t("dues.none") }} />
              <div className="grid-2">
                {allowedTransitions[m.status].length > 0 ? (
                  <div>
                    <ConfirmAction
                      label={t("record.changeStatus")}
                      question={t("record.changeStatusQuestion")}
                      confirmLabel={t("record.changeStatus")}
                      intent="status"
                      danger
                    >
                      <input type="hidden" name="membershipId" value={m.id} />
                      <SelectField
                        label={t("record.newStatus")}
                        name="status"
                        options={allowedTransitions[m.status].map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
                      />
                      <TextField label={t("fields.reason")} name="reason" maxLength={500} hint={t("hints.reasonStatus")} />
                    </ConfirmAction>
                  </div>
                ) : null}
                <Form method="post" className="form form--inline">
                  <input type="hidden" name="membershipId" value={m.id} />
                  <SelectField
                    label={t("record.newType")}
                    name="type"
                    defaultValue={m.type}
                    options={membershipTypes.map((s) => ({ value: s, label: t(`types.${s}`) }))}
                  />
                  <TextField label={t("fields.reason")} name="reason" maxLength={500} />
                  <button type="submit" name="intent" value="type" className="btn btn--small btn--ghost" disabled={busy}>
                    {t("record.changeType")}
                  </button>
                </Form>
              </div>
              <details>
                <summary>{t("record.history")}</summary>
                <ul className="plain">
                  {m.history.map((h) => (
                    <li key={h.id}>
                      {formatDateTime(h.at, lng)}: {h.fromStatus ? t(`common:status.${h.fromStatus}`) : "—"} → {t(`common:status.${h.toStatus}`)}
                      {h.reason ? (
                        <>
                          {" · "}
                          <ReasonText reason={h.reason} />
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </details>
            </article>
          );
        })}
        <Form method="post" className="form form--inline">
          <h3>{t("record.addMembership")}</h3>
          <FormErrors errors={errorsFor(actionData, "addMembership")} />
          <SelectField
            label={t("fields.association")}
            name="associationId"
            placeholder={t("hints.choose")}
            required
            options={associations.map((a) => ({ value: String(a.id), label: lng === "en" ? a.nameEn : a.nameZh }))}
          />
          <SelectField label={t("fields.type")} name="type" options={membershipTypes.map((s) => ({ value: s, label: t(`types.${s}`) }))} />
          <button type="submit" name="intent" value="addMembership" className="btn btn--small" disabled={busy}>
            {t("record.addMembership")}
          </button>
        </Form>
        {reminders.length > 0 ? (
          <details>
            <summary>{t("record.reminders", { count: reminders.length })}</summary>
            <ul className="plain">
              {reminders.map((r) => (
                <li key={r.id}>
                  {formatDateTime(r.sentAt, lng)} · {t(`reminders.${r.kind}`)}{" "}
                  {r.notified ? null : <span className="muted">({t("reminders.superseded")})</span>}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {changeRequests.length > 0 ? (
        <section className="card">
          <h2>{t("record.changeRequests")}</h2>
          <FormErrors errors={errorsFor(actionData, "decideChange")} />
          {changeRequests.map((c) => (
            <article key={c.id} className="membership">
              <p>
                <StatusBadge status={c.status} /> {formatDateTime(c.createdAt, lng)}
              </p>
              <ul className="plain">
                {c.changes.name ? (
                  <li>
                    {t("fields.name")}: {enterprise.name} → <strong>{c.changes.name}</strong>
                  </li>
                ) : null}
                {c.changes.creditCode ? (
                  <li>
                    {t("fields.creditCode")}: <span className="mono">{enterprise.creditCode}</span> → <strong className="mono">{c.changes.creditCode}</strong>
                  </li>
                ) : null}
                {c.note ? (
                  <li>
                    {t("fields.note")}: {c.note}
                  </li>
                ) : null}
                {c.decisionReason ? (
                  <li>
                    {t("fields.reason")}: {c.decisionReason}
                  </li>
                ) : null}
              </ul>
              {c.status === "pending" ? (
                <Form method="post" className="form form--inline">
                  <input type="hidden" name="requestId" value={c.id} />
                  <TextField label={t("fields.reason")} name="reason" maxLength={500} hint={t("hints.reasonReject")} />
                  <button type="submit" name="decision" value="approve" className="btn btn--small" disabled={busy}>
                    {t("record.approveChange")}
                  </button>
                  <button type="submit" name="decision" value="reject" className="btn btn--small btn--danger" disabled={busy}>
                    {t("record.rejectChange")}
                  </button>
                  <input type="hidden" name="intent" value="decideChange" />
                </Form>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}

      <section className="card">
        <h2>{t("finance:liaison.title")}</h2>
        <p className="hint">{t("finance:liaison.lead")}</p>
        <Form method="post" className="form form--inline">
          <FormErrors errors={errorsFor(actionData, "liaison")} />
          <SelectField
            label={t("finance:liaison.field")}
            name="liaisonUserId"
            defaultValue={financeSide.liaisonUserId ?? ""}
            placeholder={t("finance:liaison.none")}
            options={liaisons.map((l) => ({ value: l.id, label: l.name }))}
            error={errorsFor(actionData, "liaison")?.liaisonUserId}
          />
          <CheckboxField label={t("finance:liaison.renewal")} name="inRenewalService" defaultChecked={financeSide.inRenewalService} />
          <button type="submit" name="intent" value="liaison" className="btn btn--small" disabled={busy}>
            {t("finance:liaison.save")}
          </button>
        </Form>
      </section>

      <section className="card">
        <h2>{t("record.users")}</h2>
        <ul className="plain">
          {users.map((u) => (
            <li key={u.id}>
              {u.displayName} · {u.email} {u.isOwner ? <Badge tone="info">{t("record.owner")}</Badge> : null}{" "}
              {u.disabledAt ? <Badge tone="danger">{t("record.disabled")}</Badge> : null}
            </li>
          ))}
        </ul>
        <Form method="post" className="form form--inline">
          <h3>{t("record.addUser")}</h3>
          <p className="hint">{t("hints.addUser")}</p>
          <FormErrors errors={errorsFor(actionData, "addUser")} />
          <TextField label={t("fields.userEmail")} name="userEmail" type="email" required maxLength={254} />
          <TextField label={t("fields.displayName")} name="displayName" maxLength={60} />
          <TextField label={t("fields.password")} name="password" type="password" maxLength={128} autoComplete="new-password" />
          <button type="submit" name="intent" value="addUser" className="btn btn--small" disabled={busy}>
            {t("record.addUser")}
          </button>
        </Form>
      </section>

      <section className="card">
        <h2>{t("record.edit")}</h2>
        <FormErrors errors={errorsFor(actionData, "update")} />
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <EnterpriseFields register={register} errorOf={errorOf} />
          <div className="form-actions">
            <button type="submit" name="intent" value="update" className="btn" disabled={busy}>
              {t("common:forms.save")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

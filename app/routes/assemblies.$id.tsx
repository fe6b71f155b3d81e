import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { Alert, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { can, type Ability } from "../lib/permissions";
import * as z from "zod";
import { useRootData } from "../root";
import { motionChoices, motionKinds, motionThresholds } from "../modules/governance/constants";
import {
  castMotionVote,
  checkIn,
  closeAssembly,
  closeMotionVoting,
  createMotion,
  getAssembly,
  openAssembly,
  openMotionVoting,
  recordMotionResult,
  recordProxy,
} from "../modules/governance/assemblies.server";
import {
  checkInSchema,
  codeCheckInSchema,
  motionCreateSchema,
  motionRefSchema,
  motionResultSchema,
  motionVoteSchema,
  proxySchema,
} from "../modules/governance/forms";
import { idParam } from "../lib/ids";
import { lookupIntent } from "../lib/intents.server";
import { runIntent, type ActionError } from "../modules/governance/intents.server";
import { Figure, GovBadge, IntentForm } from "../components/governance/ui";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("assembliesId", (d) => ({ name: d.assembly.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "assemblies.view");
  const found = await getAssembly(actor, idParam(params));
  if (!found) notFound();
  return { ...found, manage: can(actor, "assemblies.manage") };
}

const intentAbility: Record<string, Ability> = {
  open: "assemblies.manage",
  close: "assemblies.manage",
  checkIn: "assemblies.manage",
  codeCheckIn: "assemblies.checkIn",
  proxy: "assemblies.manage",
  motion: "assemblies.manage",
  motionResult: "assemblies.manage",
  openVoting: "assemblies.manage",
  closeVoting: "assemblies.manage",
  motionVote: "assemblies.vote",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // An own key of the map only: "toString" or "__proto__" is an unknown intent, never Object.prototype's.
  const known = lookupIntent(intentAbility, intent);
  const actor = await requireSignedIn(request, known ? intentAbility[known] : "assemblies.view");
  const id = idParam(params);
  if (!known) return data({ intent, errors: { _form: "common:errors.badRequest.body" }, values: {} } satisfies ActionError, { status: 400 });
  if (!(await getAssembly(actor, id))) notFound();
  const back = `/assemblies/${id}`;
  // Every intent that succeeds says so on the next page (governance:flash.assembly.<intent>).
  const done = { request, flash: `governance:flash.assembly.${intent}` };
  switch (intent) {
    case "open":
      return runIntent(intent, formData, z.object({}), () => openAssembly(actor, id), back, done);
    case "close":
      return runIntent(intent, formData, z.object({}), () => closeAssembly(actor, id), back, done);
    case "checkIn":
      return runIntent(intent, formData, checkInSchema, (d) => checkIn(actor, id, d.enterpriseId, null), back, done);
    case "codeCheckIn":
      return runIntent(intent, formData, codeCheckInSchema, (d) => checkIn(actor, id, d.enterpriseId, d.code), back, done);
    case "proxy":
      return runIntent(intent, formData, proxySchema, (d) => recordProxy(actor, id, d.fromEnterpriseId, d.holderEnterpriseId), back, done);
    case "motion":
      return runIntent(intent, formData, motionCreateSchema, (d) => createMotion(actor, id, d), back, done);
    case "motionResult":
      return runIntent(intent, formData, motionResultSchema, (d) => recordMotionResult(actor, id, d), back, done);
    case "openVoting":
      return runIntent(intent, formData, motionRefSchema, (d) => openMotionVoting(actor, id, d.motionId), back, done);
    case "closeVoting":
      return runIntent(intent, formData, motionResultSchema, (d) => closeMotionVoting(actor, id, d), back, done);
    case "motionVote":
      return runIntent(intent, formData, motionVoteSchema, (d) => castMotionVote(actor, id, d), back, done);
  }
}

export default function AssemblyPage() {
  const { t } = useTranslation("governance");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionError | undefined;
  const lng = useRootData()?.lng ?? "zh-CN";
  const a = d.assembly;
  const f = d.figures;
  const e = actionData?.errors ?? {};
  const mine = (intent: string, key: string) => (actionData?.intent === intent ? e[key] : null);
  const present = d.roll.filter((r) => r.present);
  const absent = d.roll.filter((r) => !r.present && !r.proxyHolder);
  return (
    <>
      <PageHeader
        title={a.title}
        lead={
          <>
            {d.association ? (lng === "zh-CN" ? d.association.nameZh : d.association.nameEn) : ""} · {t(`assemblyKind.${a.kind}`)} ·{" "}
            {formatDateTime(a.startsAt, lng)} · <GovBadge status={a.status} />
          </>
        }
        actions={
          <Link className="btn btn--ghost" to="/assemblies">
            {t("assemblies.back")}
          </Link>
        }
      />
      <FormErrors errors={actionData?.errors} />
      <section className="card">
        <dl className="tickets-facts">
          <div className="tickets-fact">
            <dt>{t("fields.place")}</dt>
            <dd>{a.place ?? "—"}</dd>
          </div>
          <div className="tickets-fact">
            <dt>{t("fields.onlineUrl")}</dt>
            <dd>
              {a.onlineUrl ? (
                <a href={a.onlineUrl} rel="noreferrer noopener">
                  {a.onlineUrl}
                </a>
              ) : (
                "—"
              )}
            </dd>
          </div>
          <div className="tickets-fact">
            <dt>{t("fields.quorumRule")}</dt>
            <dd>{t(`quorum.${a.quorumRule}`)}</dd>
          </div>
          <div className="tickets-fact">
            <dt>{t("fields.agenda")}</dt>
            <dd className="tickets-text">{a.agenda || "—"}</dd>
          </div>
          {a.meetingCode && a.status === "open" ? (
            <div className="tickets-fact">
              <dt>{t("assemblies.meetingCode")}</dt>
              <dd>
                <strong data-meeting-code>{a.meetingCode}</strong>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
      {a.status !== "scheduled" ? (
        <>
          <div className="grid tickets-stats" aria-live="polite">
            <Figure name="roll" label={t("fields.rollSize")} value={f.roll} />
            <Figure name="attending" label={t("assemblies.attending")} value={f.attending} />
            <Figure name="proxies" label={t("assemblies.proxies")} value={f.proxies} />
            <Figure name="needed" label={t("assemblies.needed")} value={f.needed} />
          </div>
          <Alert tone={f.quorum ? "success" : "warn"}>
            {f.quorum
              ? t("assemblies.quorumMet", { present: f.present, needed: f.needed })
              : t("assemblies.quorumNotMet", { present: f.present, needed: f.needed })}
          </Alert>
        </>
      ) : (
        <p className="muted">{t("assemblies.rollAtOpening")}</p>
      )}
      {d.mine.length && a.status === "open" ? (
        <section className="card">
          <h2>{t("assemblies.myAttendance")}</h2>
          {d.mine.map((m) =>
            m.present ? (
              <p key={m.enterpriseId}>{t("assemblies.checkedIn", { name: m.enterpriseName })}</p>
            ) : m.representative ? (
              <IntentForm key={m.enterpriseId} intent="codeCheckIn" submit={t("assemblies.checkInWithCode")} title={m.enterpriseName}>
                <input type="hidden" name="enterpriseId" value={m.enterpriseId} />
                <TextField label={t("assemblies.meetingCode")} name="code" required maxLength={20} inputMode="numeric" error={mine("codeCheckIn", "code")} />
              </IntentForm>
            ) : (
              <p key={m.enterpriseId} className="muted">
                {t("elections.notRepresentative")}
              </p>
            ),
          )}
        </section>
      ) : null}
      <section className="card">
        <h2>{t("motions.title")}</h2>
        {d.motions.length === 0 ? <p className="muted">{t("motions.empty")}</p> : null}
        {d.motions.map((m) => (
          <div key={m.id} className="card">
            <h3>
              {m.title} <GovBadge status={m.status} />
            </h3>
            <p className="muted small">
              {t(`motionKind.${m.kind}`)} · {t(`threshold.${m.threshold}`)} · {m.secret ? t("motions.secret") : t("motions.open")}
            </p>
            {m.body ? <p className="tickets-text">{m.body}</p> : null}
            {m.versionId ? (
              <p>
                <Link to={`/charters/${m.versionId}`}>{t("motions.text")}</Link>
              </p>
            ) : null}
            {m.status !== "pending" ? (
              <>
                <p data-motion-result>
                  {t("motions.result", { yes: m.yes, no: m.no, abstain: m.abstain, present: m.present, roll: m.rollSize })}{" "}
                  {m.quorumMet ? t("motions.quorumHeld") : t("motions.noQuorum")}
                </p>
                {m.onlineYes !== null ? (
                  <p className="muted small" data-motion-split>
                    {t("motions.onlineResult", { yes: m.onlineYes, no: m.onlineNo, abstain: m.onlineAbstain })}{" "}
                    {t("motions.roomResult", {
                      yes: (m.yes ?? 0) - m.onlineYes,
                      no: (m.no ?? 0) - (m.onlineNo ?? 0),
                      abstain: (m.abstain ?? 0) - (m.onlineAbstain ?? 0),
                    })}
                  </p>
                ) : null}
              </>
            ) : m.votingOpen ? (
              <>
                <Alert tone="info">
                  {t("motions.votingOpen")} · <span data-motion-turnout>{t("motions.turnout", { voted: m.onlineVoted, present: f.present })}</span>
                </Alert>
                <p className="muted small">{m.secret ? t("motions.secretHint") : t("motions.openHint")}</p>
                {a.status === "open"
                  ? m.myVotes.map((v) =>
                      v.voted ? (
                        <p key={v.enterpriseId}>{t("motions.voted", { name: v.enterpriseName })}</p>
                      ) : (
                        <IntentForm
                          key={v.enterpriseId}
                          intent="motionVote"
                          submit={t("motions.vote")}
                          title={t(v.proxy ? "motions.voteForProxy" : "motions.voteFor", { name: v.enterpriseName })}
                        >
                          <input type="hidden" name="motionId" value={m.id} />
                          <input type="hidden" name="enterpriseId" value={v.enterpriseId} />
                          <fieldset className="field">
                            <legend>{t("motions.choice")}</legend>
                            {motionChoices.map((c) => (
                              <div className="field field--check" key={c}>
                                <input type="radio" id={`m${m.id}-${v.enterpriseId}-${c}`} name="choice" value={c} required />
                                <label htmlFor={`m${m.id}-${v.enterpriseId}-${c}`}>{t(`motions.${c}`)}</label>
                              </div>
                            ))}
                          </fieldset>
                          <CheckboxField label={t("motions.confirm")} name="confirm" required />
                        </IntentForm>
                      ),
                    )
                  : null}
                {d.manage && a.status === "open" ? (
                  <IntentForm intent="closeVoting" submit={t("motions.closeVoting")} title={t("motions.closeVoting")}>
                    <input type="hidden" name="motionId" value={m.id} />
                    <p className="muted small">{t("motions.roomHint")}</p>
                    <div className="form-row">
                      <TextField label={t("motions.roomYes")} name="yes" type="number" min={0} required error={mine("closeVoting", "yes")} />
                      <TextField label={t("motions.roomNo")} name="no" type="number" min={0} required error={mine("closeVoting", "no")} />
                      <TextField label={t("motions.roomAbstain")} name="abstain" type="number" min={0} required error={mine("closeVoting", "abstain")} />
                    </div>
                  </IntentForm>
                ) : null}
              </>
            ) : d.manage && a.status === "open" ? (
              <>
                <IntentForm intent="openVoting" submit={t("motions.openVoting")}>
                  <input type="hidden" name="motionId" value={m.id} />
                </IntentForm>
                <IntentForm intent="motionResult" submit={t("motions.record")}>
                  <input type="hidden" name="motionId" value={m.id} />
                  <div className="form-row">
                    <TextField label={t("motions.yes")} name="yes" type="number" min={0} required />
                    <TextField label={t("motions.no")} name="no" type="number" min={0} required />
                    <TextField label={t("motions.abstain")} name="abstain" type="number" min={0} required />
                  </div>
                </IntentForm>
              </>
            ) : null}
            {m.votes.length ? (
              <details>
                <summary>{t("motions.whoVoted", { count: m.votes.length })}</summary>
                <ul data-motion-votes>
                  {m.votes.map((v) => (
                    <li key={v.enterpriseId}>
                      {v.choice ? t("motions.votedChoice", { name: v.enterpriseName, choice: t(`motions.${v.choice}`) }) : v.enterpriseName}
                      {v.heldByName ? ` · ${t("motions.votedByProxy", { holder: v.heldByName })}` : ""}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ))}
      </section>
      {d.manage ? (
        <section className="card">
          <h2>{t("assemblies.manage")}</h2>
          {a.status === "scheduled" ? (
            <IntentForm intent="open" submit={t("assemblies.open")}>
              <p className="muted small">{t("assemblies.openHint")}</p>
            </IntentForm>
          ) : null}
          {a.status === "open" ? (
            <>
              <IntentForm intent="checkIn" submit={t("assemblies.checkIn")} title={t("assemblies.checkIn")}>
                <SelectField
                  label={t("fields.enterprise")}
                  name="enterpriseId"
                  required
                  options={absent.map((r) => ({ value: String(r.enterpriseId), label: r.enterpriseName }))}
                  error={mine("checkIn", "enterpriseId")}
                />
              </IntentForm>
              {a.proxyLimit > 0 ? (
                <IntentForm intent="proxy" submit={t("assemblies.recordProxy")} title={t("assemblies.recordProxy")}>
                  <div className="form-row">
                    <SelectField
                      label={t("assemblies.proxyFrom")}
                      name="fromEnterpriseId"
                      required
                      options={absent.map((r) => ({ value: String(r.enterpriseId), label: r.enterpriseName }))}
                    />
                    <SelectField
                      label={t("assemblies.proxyHolder")}
                      name="holderEnterpriseId"
                      required
                      options={present.map((r) => ({ value: String(r.enterpriseId), label: r.enterpriseName }))}
                    />
                  </div>
                </IntentForm>
              ) : null}
              <IntentForm intent="close" submit={t("assemblies.close")} danger />
            </>
          ) : null}
          {a.status !== "closed" ? (
            <IntentForm intent="motion" submit={t("motions.add")} title={t("motions.add")}>
              <div className="form-row">
                <SelectField
                  label={t("fields.kind")}
                  name="kind"
                  required
                  options={motionKinds.filter((k) => k !== "amendment").map((k) => ({ value: k, label: t(`motionKind.${k}`) }))}
                />
                <SelectField
                  label={t("motions.threshold")}
                  name="threshold"
                  required
                  options={motionThresholds.map((k) => ({ value: k, label: t(`threshold.${k}`) }))}
                />
              </div>
              <TextField label={t("fields.title")} name="title" required maxLength={200} error={mine("motion", "title")} />
              <TextAreaField label={t("fields.body")} name="body" rows={3} maxLength={10000} />
              <SelectField
                label={t("motions.version")}
                name="versionId"
                placeholder={t("fields.none")}
                options={d.versions.map((v) => ({
                  value: String(v.id),
                  label: `${t(`kind.${v.kind}`)} · ${t("charters.version", { n: v.version })} ${v.title}`,
                }))}
              />
              <CheckboxField label={t("motions.secretBallot")} name="secret" />
            </IntentForm>
          ) : null}
          {d.roll.length ? (
            <details>
              <summary>{t("assemblies.roll", { count: d.roll.length })}</summary>
              <ul>
                {d.roll.map((r) => (
                  <li key={r.enterpriseId}>
                    {r.enterpriseName} {r.present ? `· ${t("assemblies.present")}` : r.proxyHolder ? `· ${t("assemblies.byProxy")}` : ""}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { can, type Ability } from "../lib/permissions";
import * as z from "zod";
import { idField } from "../lib/validation";
import { useRootData } from "../root";
import {
  acceptNomination,
  addPosition,
  advanceElection,
  confirmPaperTotals,
  enterPaperTotals,
  getElection,
  issuePaperBallot,
  nominateCandidate,
  secondCandidate,
  setRepresentative,
  withdrawCandidate,
} from "../modules/governance/elections.server";
import { candidateRefSchema, enterpriseRefSchema, nominateSchema, paperTotalsSchema, positionSchema, representativeSchema } from "../modules/governance/forms";
import { idParam } from "../lib/ids";
import { lookupIntent } from "../lib/intents.server";
import { runIntent, type ActionError } from "../modules/governance/intents.server";
import { electionActions, nextElectionAction, turnout } from "../modules/governance/rules";
import { Figure, GovBadge, IntentForm, percent } from "../components/governance/ui";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("electionsId", (d) => ({ name: d.election.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "elections.view");
  const id = idParam(params);
  const found = await getElection(actor, id);
  if (!found) notFound();
  const manage = can(actor, "elections.manage");
  return { ...found, manage, me: actor.userId, role: actor.role, myEnterprises: actor.enterpriseIds };
}

const intentAbility: Record<string, Ability> = {
  position: "elections.manage",
  nominate: "elections.nominate",
  second: "elections.nominate",
  accept: "elections.nominate",
  withdraw: "elections.nominate",
  advance: "elections.manage",
  paperBallot: "elections.manage",
  paperTotals: "elections.manage",
  paperConfirm: "elections.manage",
  representative: "elections.manage",
};

const advanceSchema = z.object({ step: z.enum(electionActions) });
const secondSchema = z.object({ candidateId: idField, enterpriseId: idField });

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // An own key of the map only: "toString" or "__proto__" is an unknown intent, never Object.prototype's.
  const known = lookupIntent(intentAbility, intent);
  const actor = await requireSignedIn(request, known ? intentAbility[known] : "elections.view");
  const id = idParam(params);
  if (!known) return data({ intent, errors: { _form: "common:errors.badRequest.body" }, values: {} } satisfies ActionError, { status: 400 });
  // Out of scope is 404 before anything else.
  if (!(await getElection(actor, id))) notFound();
  const back = `/elections/${id}`;
  // Every intent that succeeds says so on the next page (governance:flash.election.<intent>).
  const done = { request, flash: `governance:flash.election.${intent}` };
  switch (intent) {
    case "position":
      return runIntent(intent, formData, positionSchema, (d) => addPosition(actor, id, d), back, done);
    case "nominate":
      return runIntent(intent, formData, nominateSchema, (d) => nominateCandidate(actor, id, d), back, done);
    case "second":
      return runIntent(intent, formData, secondSchema, (d) => secondCandidate(actor, id, d.candidateId, d.enterpriseId), back, done);
    case "accept":
      return runIntent(intent, formData, candidateRefSchema, (d) => acceptNomination(actor, id, d.candidateId), back, done);
    case "withdraw":
      return runIntent(intent, formData, candidateRefSchema, (d) => withdrawCandidate(actor, id, d.candidateId), back, done);
    case "advance":
      return runIntent(intent, formData, advanceSchema, (d) => advanceElection(actor, id, d.step), back, done);
    case "paperBallot":
      return runIntent(intent, formData, enterpriseRefSchema, (d) => issuePaperBallot(actor, id, d.enterpriseId), back, done);
    case "paperTotals":
      return runIntent(
        intent,
        formData,
        paperTotalsSchema,
        (d) => {
          const totals: Record<number, number> = {};
          for (const [k, v] of Object.entries(d)) {
            const m = /^c_(\d{1,9})$/.exec(k);
            if (!m) continue;
            // A blank is not 0: every candidate's count must be typed.
            if (String(v).trim() === "") return Promise.resolve({ ok: false as const, error: "governance:errors.countRequired" });
            const n = /^\d{1,7}$/.test(String(v).trim()) ? Number(v) : NaN;
            if (!Number.isFinite(n)) return Promise.resolve({ ok: false as const, error: "governance:errors.paperCandidate" });
            totals[Number(m[1])] = n;
          }
          return enterPaperTotals(actor, id, { ballots: d.ballots, blank: d.blank, totals });
        },
        back,
        done,
      );
    case "paperConfirm":
      return runIntent(intent, formData, z.object({}), () => confirmPaperTotals(actor, id), back, done);
    case "representative":
      return runIntent(intent, formData, representativeSchema, (d) => setRepresentative(actor, id, d.enterpriseId, d.userId), back, done);
  }
}

export default function ElectionPage() {
  const { t } = useTranslation("governance");
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionError | undefined;
  const lng = useRootData()?.lng ?? "zh-CN";
  const { election } = d;
  const draft = election.status === "draft";
  const next = nextElectionAction(election.status);
  const published = election.status === "tallied" || election.status === "certified";
  const e = actionData?.errors ?? {};
  const name = (p: { nameZh: string; nameEn: string }) => (lng === "zh-CN" ? p.nameZh : p.nameEn);
  const myReps = d.mine.filter((m) => m.representative);
  return (
    <>
      <PageHeader
        title={election.title}
        lead={
          <>
            {d.association ? name(d.association) : ""} · <GovBadge status={election.status} />
          </>
        }
        actions={
          <>
            {election.status === "open" && myReps.some((m) => !m.voted) ? (
              <Link className="btn" to={`/elections/${election.id}/ballot`}>
                {t("ballot.go")}
              </Link>
            ) : null}
            {published ? (
              <Link className="btn btn--ghost" to={`/elections/${election.id}/results`}>
                {t("results.link")}
              </Link>
            ) : null}
            {election.status !== "draft" ? (
              <Link className="btn btn--ghost" to={`/elections/${election.id}/bulletin`}>
                {t("bulletin.link")}
              </Link>
            ) : null}
          </>
        }
      />
      <FormErrors errors={actionData?.errors} />
      <div className="grid tickets-stats">
        <Figure name="roll" label={t("fields.rollSize")} value={draft ? "—" : d.rollSize} />
        <Figure name="voted" label={t("fields.voted")} value={d.votedCount} />
        <Figure name="turnout" label={t("fields.turnout")} value={percent(turnout(d.votedCount, d.rollSize))} />
        <Figure name="rule" label={t("fields.competitivePct")} value={election.competitivePct ? `${election.competitivePct}%` : t("fields.notCompetitive")} />
      </div>
      {d.mine.length ? (
        <section className="card">
          <h2>{t("elections.myVote")}</h2>
          <ul>
            {d.mine.map((m) => (
              <li key={m.enterpriseId}>
                {m.enterpriseName}: {m.voted ? t("elections.hasVoted") : m.representative ? t("elections.notYetVoted") : t("elections.notRepresentative")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.positions.length === 0 ? <p className="muted">{t("elections.noPositions")}</p> : null}
      {d.positions.map((p) => {
        const candidates = d.candidates.filter((c) => c.positionId === p.id);
        return (
          <section className="card" key={p.id}>
            <h2>{t("elections.position", { name: name(p), seats: p.seats })}</h2>
            {candidates.length === 0 ? (
              <p className="muted">{t("elections.noCandidates")}</p>
            ) : (
              <div className="table-wrap" role="region" aria-label={t("elections.position", { name: name(p), seats: p.seats })} tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("fields.candidate")}</th>
                      <th scope="col">{t("fields.enterprise")}</th>
                      <th scope="col">{t("fields.status")}</th>
                      <th scope="col">{t("fields.seconded")}</th>
                      {draft ? <th scope="col">{t("fields.next")}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {candidates.map((c) => {
                      const own = d.myEnterprises.includes(c.enterpriseId);
                      return (
                        <tr key={c.id}>
                          <td>
                            {c.personName}
                            {c.statement ? <div className="muted small">{c.statement}</div> : null}
                          </td>
                          <td>{c.enterpriseName}</td>
                          <td>
                            <GovBadge status={c.status} />
                          </td>
                          <td>{c.secondedBy ? t("fields.yes") : "—"}</td>
                          {draft ? (
                            <td>
                              {c.status === "nominated" && (own || d.manage) ? (
                                <IntentForm intent="accept" submit={d.manage && !own ? t("elections.recordAcceptance") : t("elections.accept")}>
                                  <input type="hidden" name="candidateId" value={c.id} />
                                </IntentForm>
                              ) : null}
                              {c.status === "nominated" && !c.secondedBy && d.role === "member" && !own && d.myEnterprises.length ? (
                                <IntentForm intent="second" submit={t("elections.second")}>
                                  <input type="hidden" name="candidateId" value={c.id} />
                                  <input type="hidden" name="enterpriseId" value={d.myEnterprises[0]} />
                                </IntentForm>
                              ) : null}
                              {c.status !== "withdrawn" && (own || d.manage) ? (
                                <IntentForm intent="withdraw" submit={t("elections.withdraw")} danger>
                                  <input type="hidden" name="candidateId" value={c.id} />
                                </IntentForm>
                              ) : null}
                            </td>
                          ) : null}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      {draft && (d.manage || d.role === "member") && d.positions.length ? (
        <IntentForm intent="nominate" submit={t("elections.nominate")} title={t("elections.nominate")}>
          <SelectField
            label={t("fields.position")}
            name="positionId"
            required
            options={d.positions.map((p) => ({ value: String(p.id), label: name(p) }))}
            error={actionData?.intent === "nominate" ? e.positionId : null}
          />
          <TextField
            label={t("fields.enterpriseId")}
            name="enterpriseId"
            type="number"
            min={1}
            required
            hint={t("fields.enterpriseIdHint")}
            error={actionData?.intent === "nominate" ? e.enterpriseId : null}
          />
          <TextField label={t("fields.personName")} name="personName" required maxLength={60} error={actionData?.intent === "nominate" ? e.personName : null} />
          <TextAreaField label={t("fields.statement")} name="statement" rows={2} maxLength={1000} />
          {d.manage ? (
            <CheckboxField label={t("fields.acceptedInWriting")} name="acceptedInWriting" />
          ) : (
            <input type="hidden" name="nominatorEnterpriseId" value={d.myEnterprises[0] ?? ""} />
          )}
        </IntentForm>
      ) : null}
      {d.manage ? (
        <section className="card">
          <h2>{t("elections.manage")}</h2>
          {draft ? (
            <IntentForm intent="position" submit={t("elections.addPosition")} title={t("elections.addPosition")}>
              <div className="form-row">
                <TextField label={t("fields.nameZh")} name="nameZh" required maxLength={60} error={actionData?.intent === "position" ? e.nameZh : null} />
                <TextField label={t("fields.nameEn")} name="nameEn" required maxLength={60} error={actionData?.intent === "position" ? e.nameEn : null} />
                <TextField
                  label={t("fields.seats")}
                  name="seats"
                  type="number"
                  min={1}
                  max={99}
                  required
                  error={actionData?.intent === "position" ? e.seats : null}
                />
              </div>
            </IntentForm>
          ) : null}
          {next ? (
            <IntentForm intent="advance" submit={t(`stage.${next}`)} title={t("elections.nextStep")}>
              <p className="muted small">{t(`stageHint.${next}`)}</p>
              <input type="hidden" name="step" value={next} />
            </IntentForm>
          ) : null}
          {election.paperBallots && election.status === "open" ? (
            <IntentForm intent="paperBallot" submit={t("paper.issue")} title={t("paper.issueTitle")}>
              <SelectField
                label={t("fields.enterprise")}
                name="enterpriseId"
                required
                options={d.roll.filter((r) => !r.voted).map((r) => ({ value: String(r.enterpriseId), label: r.enterpriseName }))}
              />
            </IntentForm>
          ) : null}
          {election.paperBallots && election.status === "closed" ? (
            <section>
              <h3>{t("paper.title")}</h3>
              <p className="muted small">{t("paper.issued", { count: d.paperVoters })}</p>
              {d.paper ? (
                <p>
                  {t("paper.entered", { ballots: d.paper.ballots, blank: d.paper.blank })} {d.paper.confirmedBy ? t("paper.confirmed") : t("paper.awaiting")}
                </p>
              ) : null}
              {!d.paper?.confirmedBy ? (
                <IntentForm intent="paperTotals" submit={t("paper.enter")}>
                  <div className="form-row">
                    <TextField
                      label={t("paper.ballots")}
                      name="ballots"
                      type="number"
                      min={0}
                      required
                      defaultValue={d.paper?.ballots}
                      error={actionData?.intent === "paperTotals" ? e.ballots : null}
                    />
                    <TextField
                      label={t("paper.blank")}
                      name="blank"
                      type="number"
                      min={0}
                      required
                      defaultValue={d.paper?.blank}
                      error={actionData?.intent === "paperTotals" ? e.blank : null}
                    />
                  </div>
                  {d.candidates
                    .filter((c) => c.status === "accepted")
                    .map((c) => (
                      <TextField
                        key={c.id}
                        label={t("paper.votesFor", { name: c.personName })}
                        name={`c_${c.id}`}
                        type="number"
                        min={0}
                        required
                        defaultValue={d.paper?.totals[String(c.id)]}
                      />
                    ))}
                </IntentForm>
              ) : null}
              {d.paper && !d.paper.confirmedBy && d.paper.enteredBy !== d.me ? <IntentForm intent="paperConfirm" submit={t("paper.confirm")} /> : null}
              {d.paper && !d.paper.confirmedBy && d.paper.enteredBy === d.me ? <p className="muted small">{t("paper.secondPerson")}</p> : null}
            </section>
          ) : null}
          {d.roll.length ? (
            <details>
              <summary>{t("elections.roll", { count: d.roll.length })}</summary>
              <div className="table-wrap" role="region" aria-label={t("paper.title")} tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("fields.enterprise")}</th>
                      <th scope="col">{t("fields.representative")}</th>
                      <th scope="col">{t("fields.voted")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.roll.map((r) => (
                      <tr key={r.enterpriseId}>
                        <td>{r.enterpriseName}</td>
                        <td>{r.representativeUserId ?? "—"}</td>
                        <td>{r.voted ? t(`channel.${r.channel}`) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

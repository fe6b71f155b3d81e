import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField } from "../components/fields";
import { Alert, EmptyState, PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { castVote, getBallot } from "../modules/governance/elections.server";
import { ballotSchema } from "../modules/governance/forms";
import { idParam } from "../lib/ids";
import { formatReceipt } from "../modules/governance/rules";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("electionsBallot");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "elections.vote");
  const ballot = await getBallot(actor, idParam(params));
  if (!ballot) notFound();
  return ballot;
}

type VoteAnswer = { receipt?: string; errors?: Record<string, string>; values?: Record<string, string | string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "elections.vote");
  const id = idParam(params);
  if (!(await getBallot(actor, id))) notFound();
  const parsed = parseForm(ballotSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values } satisfies VoteAnswer, { status: 400 });
  const result = await castVote(actor, id, parsed.data);
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    return data({ errors: { _form: result.error }, values: {} } satisfies VoteAnswer, { status: 409 });
  }
  // The receipt is shown once, in this answer, and kept nowhere with the voter.
  return data({ receipt: formatReceipt(result.receipt) } satisfies VoteAnswer, { headers: { "Cache-Control": "no-store" } });
}

export default function BallotPage() {
  const { t } = useTranslation("governance");
  const { election, positions, voters } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as VoteAnswer | undefined;
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const pending = voters.filter((v) => !v.voted);
  if (answer?.receipt) {
    return (
      <>
        <PageHeader title={t("ballot.castTitle")} lead={election.title} />
        <Alert tone="success">{t("ballot.cast")}</Alert>
        <section className="card">
          <h2>{t("ballot.receipt")}</h2>
          <p className="receipt" data-receipt={answer.receipt}><strong>{answer.receipt}</strong></p>
          <p>{t("ballot.receiptHint")}</p>
          <Link to={`/elections/${election.id}/bulletin`}>{t("bulletin.link")}</Link>
        </section>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("ballot.title")} lead={election.title} />
      <FormErrors errors={answer?.errors} />
      {election.status !== "open" ? (
        <EmptyState title={t("ballot.notOpen")} />
      ) : pending.length === 0 ? (
        <EmptyState title={voters.length ? t("ballot.allVoted") : t("ballot.noVote")}>
          <p><Link to={`/elections/${election.id}`}>{t("ballot.back")}</Link></p>
        </EmptyState>
      ) : (
        <Form method="post" className="form">
          <p className="muted">{t("ballot.secret")}</p>
          {pending.length === 1 ? (
            <p>{t("ballot.for", { name: pending[0].enterpriseName })}<input type="hidden" name="enterpriseId" value={pending[0].enterpriseId} /></p>
          ) : (
            <SelectField label={t("ballot.forLabel")} name="enterpriseId" required options={pending.map((v) => ({ value: String(v.enterpriseId), label: v.enterpriseName }))} />
          )}
          {positions.map((p) => (
            <fieldset key={p.id} className="card" data-seats={p.seats}>
              <legend>{t("ballot.position", { name: lng === "zh-CN" ? p.nameZh : p.nameEn, seats: p.seats })}</legend>
              {p.candidates.map((c) => (
                <div className="field field--check" key={c.id}>
                  <input type="checkbox" id={`c${c.id}`} name="candidateIds" value={c.id} />
                  <label htmlFor={`c${c.id}`}>{c.personName} <span className="muted small">{c.enterpriseName}</span></label>
                </div>
              ))}
            </fieldset>
          ))}
          <p className="muted small">{t("ballot.blankAllowed")}</p>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>{t("ballot.submit")}</button>
          </div>
        </Form>
      )}
    </>
  );
}

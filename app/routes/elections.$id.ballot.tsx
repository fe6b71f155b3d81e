import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField } from "../components/fields";
import { EmptyState, PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { readFlash, redirectWithFlash } from "../lib/flash.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { castVote, getBallot } from "../modules/governance/elections.server";
import { ballotSchema } from "../modules/governance/forms";
import { idParam } from "../lib/ids";
import { formatReceipt } from "../modules/governance/rules";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("electionsBallot");

const CAST = "governance:flash.ballot.cast";

// The page that shows a receipt is never kept by a browser or a proxy.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "elections.vote");
  const ballot = await getBallot(actor, idParam(params));
  if (!ballot) notFound();
  // The receipt rides once in the success message's signed, short-lived cookie (read and cleared by
  // the root on this very request): nothing on the server keeps it with the voter, and it is never
  // in a URL (history, logs, Referer). A reload shows the ballot page without it.
  const { flash } = readFlash(request);
  const receipt = flash?.key === CAST && typeof flash.values?.receipt === "string" ? flash.values.receipt : null;
  return data({ ...ballot, receipt }, { headers: { "Cache-Control": "no-store" } });
}

type VoteAnswer = { errors?: Record<string, string>; values?: Record<string, string | string[]> };

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
  // POST → redirect → GET: "your vote was recorded" is the shared success message; the receipt
  // travels with it to the page that shows it once (see the loader).
  throw redirectWithFlash(`/elections/${id}/ballot`, CAST, request, { receipt: formatReceipt(result.receipt) });
}

export default function BallotPage() {
  const { t } = useTranslation("governance");
  const { election, positions, voters, receipt } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as VoteAnswer | undefined;
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const pending = voters.filter((v) => !v.voted);
  if (receipt) {
    return (
      <>
        <PageHeader title={t("ballot.castTitle")} lead={election.title} />
        <section className="card">
          <h2>{t("ballot.receipt")}</h2>
          <p className="receipt" data-receipt={receipt}>
            <strong>{receipt}</strong>
          </p>
          <p>{t("ballot.receiptHint")}</p>
          <Link to={`/elections/${election.id}/bulletin`}>{t("bulletin.link")}</Link>
          {pending.length > 0 ? (
            <p>
              <Link to={`/elections/${election.id}/ballot`}>{t("ballot.next")}</Link>
            </p>
          ) : null}
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
          <p>
            <Link to={`/elections/${election.id}`}>{t("ballot.back")}</Link>
          </p>
        </EmptyState>
      ) : (
        <Form method="post" className="form">
          <p className="muted">{t("ballot.secret")}</p>
          {pending.length === 1 ? (
            <p>
              {t("ballot.for", { name: pending[0].enterpriseName })}
              <input type="hidden" name="enterpriseId" value={pending[0].enterpriseId} />
            </p>
          ) : (
            <SelectField
              label={t("ballot.forLabel")}
              name="enterpriseId"
              required
              options={pending.map((v) => ({ value: String(v.enterpriseId), label: v.enterpriseName }))}
            />
          )}
          {positions.map((p) => (
            <fieldset key={p.id} className="card" data-seats={p.seats}>
              <legend>{t("ballot.position", { name: lng === "zh-CN" ? p.nameZh : p.nameEn, seats: p.seats })}</legend>
              {p.candidates.map((c) => (
                <div className="field field--check" key={c.id}>
                  <input type="checkbox" id={`c${c.id}`} name="candidateIds" value={c.id} />
                  <label htmlFor={`c${c.id}`}>
                    {c.personName} <span className="muted small">{c.enterpriseName}</span>
                  </label>
                </div>
              ))}
            </fieldset>
          ))}
          <p className="muted small">{t("ballot.blankAllowed")}</p>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("ballot.submit")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}

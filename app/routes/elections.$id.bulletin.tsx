import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "../components/fields";
import { Alert, EmptyState, PageHeader, Pagination } from "../components/ui";
import { notFound, requireAbility } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { getBulletin } from "../modules/governance/elections.server";
import { idParam } from "../lib/ids";
import { formatReceipt } from "../modules/governance/rules";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("electionsBulletin");

// Public after the tally: every receipt with its ballot (anyone may check theirs and recount).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAbility(request, "elections.bulletin");
  const url = new URL(request.url);
  const receipt = (url.searchParams.get("receipt") ?? "").slice(0, 40).replaceAll("\u0000", "");
  const bulletin = await getBulletin(idParam(params), pageFromUrl(url), receipt || null);
  if (!bulletin) notFound();
  const names = Object.fromEntries(bulletin.candidates.map((c) => [c.id, c.personName]));
  return {
    election: { id: bulletin.election.id, title: bulletin.election.title, status: bulletin.election.status },
    published: bulletin.published,
    names,
    ballots: bulletin.ballots.map((b) => ({ receipt: formatReceipt(b.receipt), choices: b.candidateIds })),
    total: bulletin.total,
    page: bulletin.page,
    pageSize: bulletin.pageSize,
    receipt,
    searched: bulletin.searched,
    found: bulletin.found ? { receipt: formatReceipt(bulletin.found.receipt), choices: bulletin.found.candidateIds } : null,
  };
}

export default function Bulletin() {
  const { t } = useTranslation("governance");
  const d = useLoaderData<typeof loader>();
  const choices = (ids: number[]) => (ids.length ? ids.map((id) => d.names[id] ?? `#${id}`).join("、") : t("bulletin.blank"));
  return (
    <>
      <PageHeader
        title={t("bulletin.title")}
        lead={d.election.title}
        actions={
          <Link className="btn btn--ghost" to={`/elections/${d.election.id}/results`}>
            {t("results.link")}
          </Link>
        }
      />
      {!d.published ? (
        <EmptyState title={t("bulletin.notYet")}>
          <p>{t("bulletin.notYetHint")}</p>
        </EmptyState>
      ) : (
        <>
          <p>{t("bulletin.lead")}</p>
          <Form method="get" className="filters" role="search">
            <TextField label={t("bulletin.receipt")} name="receipt" defaultValue={d.receipt} maxLength={40} placeholder="ABCD-EFGH-JKMN" />
            <div className="form-actions">
              <button type="submit" className="btn btn--small">
                {t("bulletin.find")}
              </button>
            </div>
          </Form>
          {d.searched ? (
            d.found ? (
              <Alert tone="success">
                <span data-found-receipt={d.found.receipt}>{t("bulletin.found", { receipt: d.found.receipt })}</span> {choices(d.found.choices)}
              </Alert>
            ) : (
              <Alert tone="warn">{t("bulletin.notFound")}</Alert>
            )
          ) : null}
          <div className="table-wrap" role="region" aria-label={t("common:titles.electionsBulletin")} tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("bulletin.receipt")}</th>
                  <th scope="col">{t("bulletin.choices")}</th>
                </tr>
              </thead>
              <tbody>
                {d.ballots.map((b) => (
                  <tr key={b.receipt}>
                    <td>
                      <code>{b.receipt}</code>
                    </td>
                    <td>{choices(b.choices)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
        </>
      )}
    </>
  );
}

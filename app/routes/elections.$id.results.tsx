import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, PageHeader } from "../components/ui";
import { formatDate } from "../lib/format";
import { notFound, requireAbility } from "../lib/guard.server";
import { useRootData } from "../root";
import { getResults } from "../modules/governance/elections.server";
import { idParam } from "../lib/ids";
import { turnout } from "../modules/governance/rules";
import { Figure, GovBadge, percent } from "../components/governance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("electionsResults");

// Public once tallied: counts per candidate (online and paper apart), turnout, and the printable announcement (公告).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAbility(request, "elections.bulletin");
  const results = await getResults(idParam(params));
  if (!results) notFound();
  return results;
}

export default function Results() {
  const { t } = useTranslation("governance");
  const r = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const e = r.election;
  const name = (p: { nameZh: string; nameEn: string }) => (lng === "zh-CN" ? p.nameZh : p.nameEn);
  const ballots = (e.onlineBallots ?? 0) + (e.paperBallotCount ?? 0);
  return (
    <>
      <PageHeader
        title={t("results.title")}
        lead={
          <>
            {e.title} · <GovBadge status={e.status} />
          </>
        }
        actions={
          <Link className="btn btn--ghost" to={`/elections/${e.id}/bulletin`}>
            {t("bulletin.link")}
          </Link>
        }
      />
      {e.hasTie ? <Alert tone="warn">{t("results.tie")}</Alert> : null}
      <div className="grid tickets-stats no-print">
        {/* A figure not recorded stays blank (—), never 0. */}
        <Figure name="roll" label={t("fields.rollSize")} value={e.rollSize ?? "—"} />
        <Figure name="online" label={t("results.online")} value={e.onlineBallots ?? "—"} />
        <Figure name="paper" label={t("results.paper")} value={e.paperBallotCount ?? "—"} />
        <Figure name="blank" label={t("results.blank")} value={e.blankBallots ?? "—"} />
        <Figure name="turnout" label={t("fields.turnout")} value={percent(turnout(r.voted, e.rollSize ?? 0))} />
      </div>
      {r.positions.map((p) => (
        <section className="card no-print" key={p.id}>
          <h2>{t("elections.position", { name: name(p), seats: p.seats })}</h2>
          <div className="table-wrap" role="region" aria-label={t("elections.position", { name: name(p), seats: p.seats })} tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("results.rank")}</th>
                  <th scope="col">{t("fields.candidate")}</th>
                  <th scope="col">{t("fields.enterprise")}</th>
                  <th scope="col" className="num">
                    {t("results.online")}
                  </th>
                  <th scope="col" className="num">
                    {t("results.paper")}
                  </th>
                  <th scope="col" className="num">
                    {t("results.total")}
                  </th>
                  <th scope="col">{t("results.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {p.results.map((x) => (
                  <tr key={x.candidateId}>
                    <td>{x.rank}</td>
                    <td>{x.personName}</td>
                    <td>{x.enterpriseName}</td>
                    <td className="num">{x.online}</td>
                    <td className="num">{x.paper}</td>
                    <td className="num">{x.total}</td>
                    <td>
                      <GovBadge status={x.outcome} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <article className="card announcement" aria-label={t("results.announcement")}>
        <h2>{t("results.announcementTitle", { association: r.association ? name(r.association) : "" })}</h2>
        <p>
          {t("results.announcementBody", {
            title: e.title,
            roll: e.rollSize ?? 0,
            ballots,
            turnout: percent(turnout(r.voted, e.rollSize ?? 0)),
          })}
        </p>
        {r.positions.map((p) => {
          const elected = p.results.filter((x) => x.outcome === "elected");
          const tied = p.results.filter((x) => x.outcome === "tie");
          return (
            <p key={p.id}>
              <strong>{name(p)}</strong>: {elected.length ? elected.map((x) => `${x.personName}（${x.total}）`).join("、") : t("results.noneElected")}
              {tied.length ? ` ${t("results.runOff", { names: tied.map((x) => x.personName).join("、") })}` : null}
            </p>
          );
        })}
        <p className="muted">
          {e.status === "certified" && e.certifiedAt ? t("results.certifiedOn", { date: formatDate(e.certifiedAt, lng) }) : t("results.notCertified")}
        </p>
        <button type="button" className="btn btn--small no-print" data-print-button>
          {t("results.print")}
        </button>
      </article>
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/ui";
import { formatDate } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { useRootData } from "../root";
import { getVisit } from "../modules/tickets/visits.server";
import { StatusBadge } from "../components/tickets/ui";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("visitsId", (d) => ({ id: d.visit.id, name: d.enterpriseName }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSignedIn(request, "visits.view");
  const found = await getVisit(idParam(params));
  if (!found) notFound();
  return found;
}

export default function VisitPage() {
  const { t } = useTranslation("tickets");
  const { visit, associationZh, associationEn, enterpriseName, problems } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={t("visits.detailTitle", { id: visit.id })}
        lead={`${visit.visitedOn} · ${enterpriseName ?? (lng === "zh-CN" ? associationZh : associationEn)}`}
        actions={
          <Link className="btn" to={`/tickets/new?visit=${visit.id}`}>
            {t("visits.addProblem")}
          </Link>
        }
      />
      <section className="card">
        <dl className="tickets-facts">
          <div className="tickets-fact">
            <dt>{t("visits.visitors")}</dt>
            <dd>{visit.visitors}</dd>
          </div>
          <div className="tickets-fact">
            <dt>{t("visits.notes")}</dt>
            <dd className="tickets-text">{visit.notes || "—"}</dd>
          </div>
        </dl>
        <h2>{t("visits.problems")}</h2>
        {problems.length === 0 ? (
          <p className="muted">{t("visits.noProblems")}</p>
        ) : (
          <ul>
            {problems.map((p) => (
              <li key={p.id}>
                <Link to={`/tickets/${p.id}`}>
                  #{p.id} {p.title}
                </Link>{" "}
                <StatusBadge status={p.status} /> <span className="muted small">{formatDate(p.createdAt, lng)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

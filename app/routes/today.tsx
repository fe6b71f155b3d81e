import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState, PageHeader } from "../components/ui";
import { formatDate } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { titleMeta } from "../lib/page-title";
import { todaysWork } from "../modules/workbench/today.server";

export const meta = titleMeta("today");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "today.view");
  return { work: await todaysWork(actor), lng: detectLanguage(request) };
}

export default function TodayPage() {
  const { t } = useTranslation();
  const { work, lng } = useLoaderData<typeof loader>();
  const nothing = work.items.every((i) => i.count === 0) && work.boothTotal === 0;
  return (
    <>
      <PageHeader title={t("today.title")} lead={t("today.lead")} />
      {nothing ? <EmptyState title={t("today.nothing")}>{t("today.nothingHint")}</EmptyState> : null}
      <ul className="grid today" aria-label={t("today.title")}>
        {work.items.map((item) => (
          <li key={item.key} className={`stat today__item${item.count > 0 ? " today__item--due" : ""}`} data-work={item.key}>
            <div className="stat__value">{item.capped ? `${item.count}+` : item.count}</div>
            <div className="stat__label">
              <Link to={item.to}>{t(`today.${item.key}`)}</Link>
            </div>
          </li>
        ))}
        <li className={`stat today__item${work.boothTotal > 0 ? " today__item--due" : ""}`} data-work="boothRequests">
          <div className="stat__value">{work.boothTotal}</div>
          <div className="stat__label">
            {work.boothRequests.length === 1 ? (
              <Link to={`/fairs/${work.boothRequests[0].fairId}/booths?status=requested`}>{t("today.boothRequests")}</Link>
            ) : (
              <Link to="/fairs">{t("today.boothRequests")}</Link>
            )}
          </div>
        </li>
      </ul>
      {work.boothRequests.length > 0 ? (
        <section className="card">
          <h2>{t("today.boothsByFair")}</h2>
          <ul>
            {work.boothRequests.map((b) => (
              <li key={b.fairId}>
                <Link to={`/fairs/${b.fairId}/booths?status=requested`}>{b.title}</Link> · {formatDate(b.fairDate, lng)} ·{" "}
                {t("today.requested", { count: b.requested })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DuesBadge, ReasonText, StatusBadge } from "../components/members/status";
import { Alert, EmptyState, PageHeader } from "../components/ui";
import { formatDate, formatDateTime, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { useRootData } from "../root";
import { myDashboard } from "../modules/members/my.server";
import { MyMonitoring } from "../components/monitoring";
import { detectLanguage } from "../lib/i18n";
import { myAlarms } from "../modules/monitoring/buildings.server";
import { firmCharts, mySeries } from "../modules/monitoring/monitoring.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("my");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "my.view");
  const lng = detectLanguage(request);
  const [dashboard, series, alarms] = await Promise.all([myDashboard(actor), mySeries(actor), myAlarms(actor)]);
  // The enterprise's own monitoring series and flags (never another's: mySeries reads the actor's enterprises only).
  const monitoring = await Promise.all(series.map(async (s) => ({ series: s, charts: await firmCharts(s, lng) })));
  return { ...dashboard, monitoring, alarms };
}

export default function MyPage() {
  const { t } = useTranslation("members");
  const { enterprises, reminders, applications, monitoring, alarms } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const pending = applications.filter((a) => a.status === "pending");
  const rejected = applications.filter((a) => a.status === "rejected");
  return (
    <>
      <PageHeader title={t("my.title")} lead={t("my.lead")} />
      {pending.map((a) => (
        <Alert key={a.id} tone="info">
          <strong>{t("my.applicationPending", { name: String(a.profile.name ?? "") })}</strong> <StatusBadge status="pending" />{" "}
          {t("my.applicationPendingNext")}
        </Alert>
      ))}
      {rejected.map((a) => (
        <Alert key={a.id} tone="warn">
          <strong>{t("my.applicationRejected", { name: String(a.profile.name ?? "") })}</strong> <StatusBadge status="rejected" />{" "}
          {t("my.rejectionReason", { reason: a.decisionReason ?? "" })}
        </Alert>
      ))}
      {enterprises.length === 0 && applications.length === 0 ? (
        <EmptyState title={t("my.empty")}>
          <p>
            <Link to="/join">{t("my.emptyJoin")}</Link>
          </p>
        </EmptyState>
      ) : null}
      {enterprises.map((e) => (
        <section key={e.id} className="card">
          <h2>
            <Link to={`/my/enterprises/${e.id}`}>{e.name}</Link>
          </h2>
          <p className="muted mono">{e.creditCode}</p>
          {e.changeRequests.some((c) => c.status === "pending") ? <Alert tone="info">{t("my.changePending")}</Alert> : null}
          <ul className="plain my-memberships">
            {e.memberships.map((m) => (
              <li key={m.id} className="membership">
                <h3>
                  {lng === "en" ? m.associationEn : m.associationZh} · {t(`types.${m.type}`)} <StatusBadge status={m.status} />{" "}
                  <DuesBadge state={m.duesState} />
                </h3>
                {m.statusReason ? (
                  <p className="small muted">
                    {t("record.reason")}: <ReasonText reason={m.statusReason} />
                  </p>
                ) : null}
                {m.dues ? (
                  <p className="small muted">
                    {t("my.duesLine", { year: m.dues.year, amount: formatMoney(m.dues.amountFen, lng), date: formatDate(m.dues.dueOn, lng) })}
                  </p>
                ) : null}
                {m.dues && !m.dues.paidOn ? (
                  <p className="small" data-pay-to>
                    {m.payTo
                      ? t("associations.howToPay", { payee: m.payTo.payee, bank: m.payTo.bank, account: m.payTo.account })
                      : t("associations.askAssociation")}
                    {m.payTo?.note ? ` ${m.payTo.note}` : null}
                  </p>
                ) : null}
                <p>
                  <strong>{t("my.nextStep")}:</strong> {t(m.nextStep)}
                </p>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/my/enterprises/${e.id}`} className="btn btn--small">
              {t("my.editContact")}
            </Link>
          </p>
        </section>
      ))}
      <section className="card">
        <h2>{t("my.reminders")}</h2>
        {reminders.length === 0 ? (
          <p className="muted">{t("my.noReminders")}</p>
        ) : (
          <ul className="plain">
            {reminders.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.sentAt, lng)} · {r.enterprise} · {lng === "en" ? r.associationEn : r.associationZh} · {t(`reminders.${r.kind}`)} ({r.year},{" "}
                {t("dues.dueOn")} {formatDate(r.dueOn, lng)})
              </li>
            ))}
          </ul>
        )}
      </section>
      <MyMonitoring monitoring={monitoring} alarms={alarms} />
    </>
  );
}

// Small pieces of the disputes pages (client-safe).
import { useTranslation } from "react-i18next";
import { Badge, type Tone } from "../ui";
import { formatDate } from "../../lib/format";
import type { Language } from "../../lib/i18n";
import type { DisputeStatus } from "../../modules/disputes/constants";
import type { Deadline } from "../../modules/disputes/deadlines";

const tones: Record<DisputeStatus, Tone> = {
  filed: "info",
  accepted: "info",
  declined: "danger",
  mediator_assigned: "info",
  respondent_invited: "info",
  respondent_declined: "warn",
  in_mediation: "warn",
  agreement_pending: "warn",
  settled: "success",
  failed: "danger",
  referred: "neutral",
  judicial_applied: "info",
  judicial_confirmed: "success",
  judicial_refused: "danger",
  closed: "neutral",
};

export function CaseStatusBadge({ status }: { status: DisputeStatus }) {
  const { t } = useTranslation("disputes");
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>;
}

/** A deadline as the list and the case page show it: its date and, while it runs, days left or overdue. */
export function DeadlineLine({ d, lng, withLabel }: { d: Omit<Deadline, "dueAt"> & { dueAt: Date | string }; lng: Language; withLabel?: boolean }) {
  const { t } = useTranslation("disputes");
  return (
    <span className="disputes-deadline" data-deadline={d.kind}>
      {withLabel ? <strong>{t(`deadline.${d.kind}`)}: </strong> : null}
      {t("detail.dueAt", { date: formatDate(new Date(new Date(d.dueAt).getTime() - 1), lng) })}{" "}
      {!d.running ? (
        <Badge>{t("deadline.stopped")}</Badge>
      ) : d.overdue ? (
        <Badge tone="danger">{t("deadline.overdue")}</Badge>
      ) : d.soon ? (
        <Badge tone="warn">{d.daysLeft === 0 ? t("deadline.lastDay") : t("deadline.daysLeft", { count: d.daysLeft })}</Badge>
      ) : (
        <span className="muted small">{t("deadline.daysLeft", { count: d.daysLeft })}</span>
      )}
    </span>
  );
}

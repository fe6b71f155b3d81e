import { useTranslation } from "react-i18next";
import { Badge, type Tone } from "../ui";

const tones: Record<string, Tone> = {
  active: "success",
  pending: "info",
  lapsed: "warn",
  suspended: "danger",
  withdrawn: "neutral",
  approved: "success",
  rejected: "danger",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status] ?? "neutral"}>{t(`status.${status}`)}</Badge>;
}

const duesTones: Record<string, Tone> = { paid: "success", not_due: "neutral", due_soon: "info", overdue: "warn", lapse: "danger" };

export function DuesBadge({ state }: { state: string | null }) {
  const { t } = useTranslation("members");
  if (!state) return <Badge>{t("dues.none")}</Badge>;
  return <Badge tone={duesTones[state] ?? "neutral"}>{t(`dues.state.${state}`)}</Badge>;
}

/** A stored reason may be an i18n key (set by the system) or free text typed by staff. */
export function ReasonText({ reason }: { reason: string | null | undefined }) {
  const { t } = useTranslation();
  if (!reason) return null;
  return <>{reason.startsWith("members:reasons.") ? t(reason) : reason}</>;
}

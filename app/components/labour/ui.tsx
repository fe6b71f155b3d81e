import { useTranslation } from "react-i18next";
import { Badge } from "../ui";

export function LabourKindBadge({ kind }: { kind: "surplus" | "shortage" }) {
  const { t } = useTranslation("labour");
  return <Badge tone={kind === "surplus" ? "info" : "warn"}>{t(`kind.${kind}`)}</Badge>;
}

export function LabourStatusBadge({ status }: { status: "open" | "closed" }) {
  const { t } = useTranslation("labour");
  return <Badge tone={status === "open" ? "success" : "neutral"}>{t(`status.${status}`)}</Badge>;
}

export function SkillList({ skills }: { skills: readonly string[] }) {
  const { t } = useTranslation("labour");
  return <>{skills.map((s) => t(`skills.${s}`)).join("、")}</>;
}

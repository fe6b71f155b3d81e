import { useTranslation } from "react-i18next";
import { Badge } from "../ui";
import type { BoothStatus, FairStatus } from "../../modules/fairs/constants";
import { boothTone } from "../../modules/fairs/booth-rules";

export function FairStatusBadge({ status }: { status: FairStatus }) {
  const { t } = useTranslation("fairs");
  return <Badge tone={status === "published" ? "success" : status === "draft" ? "warn" : "neutral"}>{t(`status.${status}`)}</Badge>;
}

export function BoothStatusBadge({ status }: { status: BoothStatus }) {
  const { t } = useTranslation("fairs");
  return <Badge tone={boothTone(status)}>{t(`boothStatus.${status}`)}</Badge>;
}

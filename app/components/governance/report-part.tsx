import { useTranslation } from "react-i18next";
import type { GovernanceReport } from "../../modules/governance/reports.server";
import { Figure, percent } from "./ui";

/** The governance part of /reports: meetings held, attendance, motions, certified elections and turnout. */
export function GovernanceReportPart({ report }: { report: GovernanceReport }) {
  const { t } = useTranslation("governance");
  return (
    <section aria-label={t("reports.title")}>
      <h2>
        {t("reports.title")} · {report.year}
      </h2>
      <div className="grid tickets-stats">
        <Figure name="assembliesHeld" label={t("reports.assemblies")} value={report.assembliesHeld} />
        <Figure name="averageAttendance" label={t("reports.turnout")} value={percent(report.averageAttendance)} />
        <Figure name="motionsDecided" label={t("reports.motionsDecided")} value={report.motionsDecided} />
        <Figure name="motionsPassed" label={t("reports.motionsPassed")} value={report.motionsPassed} />
        <Figure name="electionsCertified" label={t("reports.electionsCertified")} value={report.electionsCertified} />
        <Figure name="electionTurnout" label={t("reports.electionTurnout")} value={percent(report.electionTurnout)} />
      </div>
    </section>
  );
}

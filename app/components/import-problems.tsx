import { useTranslation } from "react-i18next";
import type { ImportProblem } from "../lib/import-problem";
import { parseMessage } from "../lib/messages";
import { DataTable, type Column } from "./data-table";

/**
 * Why an uploaded file was refused as a whole (members, financing needs, monitoring readings):
 * the count, then a table of each problem by line and column, so it can be fixed and sent again.
 */
export function ImportProblems({ problems }: { problems: readonly ImportProblem[] }) {
  // The default namespace is common: a bare "forms.*" message is one of the shared form messages.
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  const columns: Column<ImportProblem>[] = [
    { key: "line", header: t("common:import.line"), align: "end", cell: (p) => t("common:import.lineN", { line: p.line }) },
    { key: "column", header: t("common:import.column"), className: "mono", cell: (p) => p.column ?? "—" },
    { key: "reason", header: t("common:import.reason"), cell: (p) => t(...parseMessage(p.message)) },
  ];
  return (
    <div className="alert alert--error" role="alert">
      <p>{t("common:import.rejected", { count: problems.length })}</p>
      <DataTable
        label={t("common:import.problems")}
        columns={columns}
        rows={[...problems]}
        rowKey={(_, i) => i}
        empty={{ title: t("common:import.problems") }}
      />
    </div>
  );
}

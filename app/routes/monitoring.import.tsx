import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../components/fields";
import { ImportProblems } from "../components/import-problems";
import type { ImportProblem } from "../lib/import-problem";
import { PageHeader } from "../components/ui";
import { readCsvUpload } from "../lib/csv-upload.server";
import { redirectWithFlash } from "../lib/flash.server";
import { requireSignedIn } from "../lib/guard.server";
import { IMPORT_COLUMNS, importKinds, type ImportKind } from "../modules/monitoring/constants";
import { importMonitoringCsv, importTemplate } from "../modules/monitoring/imports.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("monitoringImport");

const MAX_BYTES = 20 * 1024 * 1024;
const isKind = (v: unknown): v is ImportKind => (importKinds as readonly unknown[]).includes(v);

/** ?template=<kind> downloads that kind's template. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.import");
  const template = new URL(request.url).searchParams.get("template");
  if (isKind(template)) {
    return new Response(importTemplate(template), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="monitoring-${template}.csv"` },
    });
  }
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.import");
  // A refused file keeps its table of problems on this page; a stored one is confirmed by the flash.
  const fail = (problems: ImportProblem[], status: number) => data({ problems }, { status });
  const upload = await readCsvUpload(request, MAX_BYTES);
  if (!upload.ok) return fail(upload.problems, upload.status);
  const kind = upload.form.get("kind");
  if (!isKind(kind)) return fail([{ line: 1, column: "kind", message: "forms.choose" }], 400);
  const result = await importMonitoringCsv(actor, kind, upload.text);
  if (!result.ok) return fail(result.problems, 400);
  throw redirectWithFlash("/monitoring/import", "monitoring:flash.imported", request, { written: result.written, duplicated: result.duplicated });
}

export default function MonitoringImport() {
  const { t } = useTranslation("monitoring");
  const a = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={t("import.title")}
        lead={t("import.lead")}
        actions={
          <Link to="/monitoring" className="btn btn--ghost btn--small">
            {t("firm.back")}
          </Link>
        }
      />
      <ImportProblems problems={a?.problems ?? []} />
      <div className="card">
        <ul>
          {importKinds.map((k) => (
            <li key={k}>
              <strong>{t(`import.kinds.${k}`)}</strong> — {t("import.columns")} <span className="mono">{IMPORT_COLUMNS[k].join(", ")}</span> ·{" "}
              <a href={`/monitoring/import?template=${k}`} download>
                {t("import.template")}
              </a>
            </li>
          ))}
        </ul>
        <Form method="post" encType="multipart/form-data" className="form">
          <SelectField
            label={t("import.kind")}
            name="kind"
            required
            defaultValue="readings"
            options={importKinds.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))}
          />
          <div className="field">
            <label htmlFor="file" className="is-required">
              {t("import.file")}
            </label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("import.submit")}
            </button>
          </div>
        </Form>
      </div>
    </>
  );
}

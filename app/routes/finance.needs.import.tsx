import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImportProblems } from "../components/import-problems";
import { PageHeader } from "../components/ui";
import { readCsvUpload } from "../lib/csv-upload.server";
import { redirectWithFlash } from "../lib/flash.server";
import { requireAbility, requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { importNeeds } from "../modules/finance/finance.server";
import { NEED_IMPORT_COLUMNS, NEED_REQUIRED_COLUMNS } from "../modules/finance/needs-csv";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeNeedsImport");

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "finance.importNeeds");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.importNeeds");
  const upload = await readCsvUpload(request, MAX_BYTES);
  if (!upload.ok) return data({ problems: upload.problems }, { status: upload.status });
  const result = await importNeeds(actor, upload.text, { ip: clientIp(request) });
  if (!result.ok) return data({ problems: result.problems }, { status: 400 });
  // A refused file keeps its table of problems on this page; a stored one is confirmed by the flash.
  throw redirectWithFlash("/finance/needs/import", "finance:flash.imported", request, { count: result.created });
}

export default function ImportNeeds() {
  const { t } = useTranslation("finance");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={t("import.title")}
        lead={t("import.lead")}
        actions={
          <Link to="/finance/needs" className="btn btn--ghost btn--small">
            {t("back")}
          </Link>
        }
      />
      <ImportProblems problems={actionData?.problems ?? []} />
      <div className="card">
        <p>{t("import.howto")}</p>
        <p>
          {t("import.columns")} <span className="mono">{NEED_IMPORT_COLUMNS.join(", ")}</span>
        </p>
        <p>
          {t("import.required")} <span className="mono">{NEED_REQUIRED_COLUMNS.join(", ")}</span>
        </p>
        <p>
          <a href="/finance/needs/template.csv" download>
            {t("import.template")}
          </a>
        </p>
        <Form method="post" encType="multipart/form-data" className="form">
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

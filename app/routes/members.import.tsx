import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImportProblems } from "../components/import-problems";
import { PageHeader } from "../components/ui";
import { readCsvUpload } from "../lib/csv-upload.server";
import { redirectWithFlash } from "../lib/flash.server";
import { requireAbility, requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { CHINESE_COLUMN_NAMES, IMPORT_COLUMNS, REQUIRED_COLUMNS } from "../modules/members/csv-columns";
import { importEnterprises } from "../modules/members/members.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("membersImport");

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "members.import");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "members.import");
  const upload = await readCsvUpload(request, MAX_BYTES);
  if (!upload.ok) return data({ problems: upload.problems }, { status: upload.status });
  const result = await importEnterprises(actor, upload.text, clientIp(request));
  if (!result.ok) return data({ problems: result.problems }, { status: 400 });
  // A refused file keeps its table of problems on this page; a stored one is confirmed by the flash.
  throw redirectWithFlash("/members/import", "members:flash.imported", request, { count: result.created });
}

export default function ImportPage() {
  const { t, i18n } = useTranslation("members");
  const listed = (columns: readonly (keyof typeof CHINESE_COLUMN_NAMES)[]) =>
    columns.map((c) => `${c} / ${CHINESE_COLUMN_NAMES[c]}`).join(i18n.language === "en" ? "; " : "；");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const importing = navigation.state === "submitting";
  return (
    <>
      <PageHeader
        title={t("import.title")}
        lead={t("import.lead")}
        actions={
          <Link to="/members" className="btn btn--ghost btn--small">
            {t("record.back")}
          </Link>
        }
      />
      <ImportProblems problems={actionData?.problems ?? []} />
      <div className="card">
        <p>{t("import.howto")}</p>
        <p>
          {t("import.columns")} <span className="import-columns">{listed(IMPORT_COLUMNS)}</span>
        </p>
        <p>
          {t("import.required")} <span className="import-columns">{listed(REQUIRED_COLUMNS)}</span>
        </p>
        <p>
          <a href="/members/import-template" download>
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
            <button type="submit" className="btn" disabled={importing}>
              {t("import.submit")}
            </button>
          </div>
          <p role="status" className="muted">
            {importing ? t("import.importing") : null}
          </p>
        </Form>
      </div>
    </>
  );
}

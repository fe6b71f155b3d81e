import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSignedIn } from "../lib/guard.server";
import { queryValues } from "../lib/validation";
import { auditCsv } from "../modules/admin/audit.server";
import { auditQuery } from "../modules/admin/forms";
import { detectLanguage } from "../lib/i18n";

/** The audit log as CSV with the same filters as /admin/audit. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "admin.audit");
  const query = auditQuery.parse(queryValues(request.url));
  const body = await auditCsv(query, detectLanguage(request));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

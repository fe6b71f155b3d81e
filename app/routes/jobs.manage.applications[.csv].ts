import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSignedIn } from "../lib/guard.server";
import { shanghaiToday } from "../lib/format";
import { detectLanguage, translator } from "../lib/i18n";
import { applicationsCsv } from "../modules/jobs/applications-csv";
import { exportEnterpriseApplications } from "../modules/jobs/applications.server";
import { parseApplicationsFilter } from "../modules/jobs/forms";

/** The applications to the enterprise's own postings as CSV, with the list's filters (a resource route). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.reviewApplications");
  const rows = await exportEnterpriseApplications(actor, parseApplicationsFilter(new URL(request.url)));
  const lng = detectLanguage(request);
  return new Response(applicationsCsv(rows, translator(lng), lng), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="applications-${shanghaiToday()}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "../lib/csv";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage, translator } from "../lib/i18n";
import { reportFigures, reportRows, reportYear } from "../modules/reports/reports.server";

/** /reports as CSV (a resource route): the page's figures, one per line, with the period each covers. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "reports.view");
  const year = reportYear(new URL(request.url));
  const lng = detectLanguage(request);
  const t = translator(lng);
  const c = (key: string) => t(`tickets:reports.csv.${key}`);
  const csv = csvDocument([c("section"), c("figure"), c("breakdown"), c("period"), c("value"), c("unit")], reportRows(await reportFigures(year), t, lng));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reports-${year}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

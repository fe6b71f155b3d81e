import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "../lib/csv";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { detectLanguage, translator } from "../lib/i18n";
import { getFairFor, reportBoothRows } from "../modules/fairs/fairs.server";
import { idParam } from "../lib/ids";

/** The fair report's booth table as CSV (a resource route: no page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "fairs.report");
  const fair = await getFairFor(actor, idParam(params));
  if (!fair) notFound();
  const rows = await reportBoothRows(fair.id);
  const t = translator(detectLanguage(request));
  const csv = csvDocument(
    [t("fairs:report.csv.booth"), t("fairs:report.csv.enterprise"), t("fairs:report.csv.postings"), t("fairs:report.csv.positions")],
    rows.map((r) => [r.boothNumber, r.enterpriseName, r.postings ?? "", r.positions ?? ""]),
  );
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="fair-${fair.id}-booths.csv"` },
  });
}

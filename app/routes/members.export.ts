import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAbility } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { shanghaiToday } from "../lib/format";
import { exportEnterprisesCsv } from "../modules/members/members.server";
import { memberListQueryFrom } from "../modules/members/forms";

/** The staff list's current filter as CSV (UTF-8 with BOM). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "members.view");
  const csv = await exportEnterprisesCsv(memberListQueryFrom(request.url), detectLanguage(request));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="members-${shanghaiToday()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAbility } from "../lib/guard.server";
import { generateCreditCode } from "../modules/members/credit-code";
import { importTemplateCsv } from "../modules/members/csv-import";

/** The CSV template for bulk onboarding, with one valid example row. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "members.import");
  return new Response(importTemplateCsv({ creditCode: generateCreditCode(777_777), associationCode: "yunjiang" }), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="members-import-template.csv"' },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAbility } from "../lib/guard.server";
import { generateCreditCode } from "../modules/members/credit-code";
import { needsTemplateCsv } from "../modules/finance/needs-csv";

/** The CSV template of the survey-needs import, with one example row (the first demo enterprise's code). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "finance.importNeeds");
  return new Response(needsTemplateCsv(generateCreditCode(0)), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="financing-needs-template.csv"' },
  });
}

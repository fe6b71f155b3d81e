import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDocument } from "../lib/csv";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage, translator } from "../lib/i18n";
import { queueFilterFromUrl, withQueueDefaults } from "../modules/tickets/forms";
import { can } from "../lib/permissions";
import { exportTickets } from "../modules/tickets/tickets.server";

/** The staff queue as CSV, with the same filters as the page (UTF-8 with BOM for Excel). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.export");
  const lng = detectLanguage(request);
  const t = translator(lng);
  // The same rows as the page with the same query string (its default tab and handler included).
  const rows = await exportTickets(actor, withQueueDefaults(queueFilterFromUrl(request.url), can(actor, "tickets.triage")));
  const cols = [
    "id",
    "kind",
    "title",
    "enterprise",
    "status",
    "category",
    "urgency",
    "source",
    "department",
    "handler",
    "created",
    "due",
    "overdue",
    "answered",
    "resolved",
    "rating",
  ] as const;
  const csv = csvDocument(
    cols.map((c) => t(`tickets:csv.${c}`)),
    rows.map((r) => [
      r.id,
      t(`tickets:kind.${r.kind}`),
      r.title,
      r.enterpriseName,
      t(`tickets:status.${r.status}`),
      t(`tickets:category.${r.category}`),
      t(`tickets:urgency.${r.urgency}`),
      t(`tickets:source.${r.source}`),
      (lng === "zh-CN" ? r.departmentZh : r.departmentEn) ?? "",
      r.handlerName ?? "",
      formatDateTime(r.createdAt, lng),
      r.dueAt ? formatDateTime(r.dueAt, lng) : "",
      r.overdue ? t("common:forms.yes") : "",
      r.answeredAt ? formatDateTime(r.answeredAt, lng) : "",
      r.resolvedAt ? formatDateTime(r.resolvedAt, lng) : "",
      r.rating ?? "",
    ]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tickets.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

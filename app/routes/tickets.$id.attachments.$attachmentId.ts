import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { downloadResponse } from "../modules/tickets/attachments.server";
import { getAttachment } from "../modules/tickets/tickets.server";

/** A problem's attachment, only for those who may see the problem; always a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.view");
  const ticketId = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  const attachmentId = /^\d{1,9}$/.test(params.attachmentId ?? "") ? Number(params.attachmentId) : null;
  if (!ticketId || !attachmentId) notFound();
  const file = await getAttachment(actor, ticketId, attachmentId);
  if (!file) notFound();
  return downloadResponse(file);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { sendFile } from "../lib/uploads.server";
import { getAttachment } from "../modules/tickets/tickets.server";
import { idParam } from "../lib/ids";

/** A problem's attachment, only for those who may see the problem; always a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.view");
  const ticketId = idParam(params);
  // The file id is checked (a UUID of this problem's files) by the query: anything else is not found.
  const file = await getAttachment(actor, ticketId, params.attachmentId ?? "");
  if (!file) notFound();
  return sendFile(file);
}

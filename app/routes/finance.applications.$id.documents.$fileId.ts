import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { sendFile } from "../lib/uploads.server";
import { getApplicationDocument } from "../modules/finance/finance.server";
import { idParam } from "../lib/ids";

/** A document of a loan application, only for those who may see the application; always a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.applications");
  const file = await getApplicationDocument(actor, idParam(params), params.fileId ?? "");
  if (!file) notFound();
  return sendFile(file);
}

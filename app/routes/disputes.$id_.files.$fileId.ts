import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { sendFile } from "../lib/uploads.server";
import { getEvidence } from "../modules/disputes/disputes.server";
import { idParam } from "../lib/ids";

/** A case's evidence: only for those who may see the case (else 404); always a download; staff downloads are audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.view");
  const caseId = idParam(params);
  const file = await getEvidence(actor, caseId, params.fileId ?? "", { ip: clientIp(request) });
  if (!file) notFound();
  return sendFile(file);
}

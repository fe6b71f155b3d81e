import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { sendFile } from "../lib/uploads.server";
import { getAlarmPhoto } from "../modules/monitoring/buildings.server";

/** A photo of an alarm (camera or tenant): only for staff and the tenant's users. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.alarm");
  if (!/^\d{1,9}$/.test(params.id ?? "")) notFound();
  const row = await getAlarmPhoto(actor, Number(params.id), params.fileId ?? "");
  if (!row) notFound();
  return sendFile(row);
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { parseReadingsBatch } from "../modules/monitoring/batch";
import { json, methodNotAllowed, readGatewayRequest } from "../modules/monitoring/api.server";
import { ingestReadings } from "../modules/monitoring/ingest.server";

/** A meter collector posts a batch of readings (bearer token of a gateway with the "readings" scope). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const read = await readGatewayRequest(request, "readings", 2 * 1024 * 1024);
  if (!read.ok) return read.response;
  const parsed = parseReadingsBatch(read.body, new Date());
  if (!parsed.ok) return json({ error: "the batch was refused; nothing was stored", problems: parsed.problems }, parsed.status);
  const result = await ingestReadings(read.gatewayId, parsed.readings);
  if (!result.ok) return json({ error: "the batch was refused; nothing was stored", problems: result.problems }, result.status);
  return json({ accepted: result.accepted, duplicated: result.duplicated, refused: result.refused });
}

export function loader() {
  return methodNotAllowed();
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { parsePassageEvent } from "../modules/monitoring/batch";
import { json, methodNotAllowed, readGatewayRequest } from "../modules/monitoring/api.server";
import { passageEvent } from "../modules/monitoring/buildings.server";

/** A passage camera posts a blocked passage (opens an alarm) or the all-clear (closes it). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const read = await readGatewayRequest(request, "passages", 3 * 1024 * 1024);
  if (!read.ok) return read.response;
  const parsed = parsePassageEvent(read.body, new Date());
  if (!parsed.ok) return json({ error: "the event was refused; nothing was stored", problems: parsed.problems }, parsed.status);
  const result = await passageEvent(read.gatewayId, parsed.event);
  if (!result.ok) return json({ error: result.error }, result.status);
  return json({ outcome: result.outcome, alarmId: result.alarmId, notice: result.noticeNo }, result.outcome === "raised" ? 201 : 200);
}

export function loader() {
  return methodNotAllowed();
}

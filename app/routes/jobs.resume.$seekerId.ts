import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { readResume } from "../modules/jobs/profiles.server";

/** A résumé download: the seeker's own ("me"), or one of a seeker who applied to the member's enterprise. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.resume");
  const seekerId = params.seekerId === "me" ? actor.userId : String(params.seekerId ?? "");
  const file = await readResume(actor, seekerId);
  if (!file) notFound();
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

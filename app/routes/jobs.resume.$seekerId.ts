import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { sendFile } from "../lib/uploads.server";
import { findResume } from "../modules/jobs/profiles.server";

/** A résumé download: the seeker's own ("me"), or one of a seeker who applied to the member's enterprise. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.resume");
  const seekerId = params.seekerId === "me" ? actor.userId : String(params.seekerId ?? "");
  const file = await findResume(actor, seekerId);
  if (!file) notFound();
  // An attachment with its UTF-8 name, nosniff and a sandboxing CSP (the shared uploads module).
  return sendFile(file);
}

import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { assertDbReachable, closeDb, migrateDb, pingDb } from "../db/client.server";
import { seedDemoIfEmpty } from "../db/seed/demo.server";
import { detectLanguage, serverI18n } from "./lib/i18n";
import { NonceContext } from "./components/nonce";
import { logError } from "./lib/log.server";
import { RETRY_AFTER_SECONDS } from "./lib/db-outage.server";

/** A 503 page (database outage): ask to come back shortly, and never keep it. */
function markUnavailable(headers: Headers) {
  headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  headers.set("Cache-Control", "no-store");
}

/** Client navigations (single fetch) get the same headers as pages. */
export function handleDataRequest(response: Response) {
  if (response.status === 503) markUnavailable(response.headers);
  return response;
}

export const streamTimeout = 5_000;

// The HTTP server (app/server.js) reaches the database through the build's entry module.
export { assertDbReachable, closeDb, migrateDb, pingDb, seedDemoIfEmpty };
export { readSettings } from "./lib/env.server";
export { startMembershipSweeps } from "./modules/members/sweep.server";
export { startTicketTimers } from "./modules/tickets/timers.server";
export { startFinanceTimers } from "./modules/finance/timers.server";
export { startDisputeReminders } from "./modules/disputes/timers.server";
export { startMailer } from "./modules/notifications/mailer.server";
export { setRunLedger } from "./lib/scheduler.server";
export { runLedger } from "./lib/job-runs.server";
export { adoptLegacyResumeFiles } from "./modules/jobs/profiles.server";
export { keepPublicPage, keptPublicPage, publicPageKey, withNonce } from "./lib/public-pages.server";
export { languageOf } from "./lib/i18n";
export { loggableError } from "./lib/log.server";
export { MULTIPART_BODY_LIMIT } from "./lib/uploads.server";
export { formBodyLimit } from "./lib/body-limits";
export { guardRoutes } from "./lib/db-outage.server";
export { startCacheBus } from "./lib/cache-bus.server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: { nonce?: string },
) {
  const nonce = loadContext?.nonce ?? "";
  if (responseStatusCode === 503) markUnavailable(responseHeaders);
  const i18n = serverI18n(detectLanguage(request));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        // Pages have nothing to stream (no Suspense; decision 034): the whole document is sent as
        // one buffer, so it crosses the adapter and compression once instead of in ~2 KB pieces
        // (each piece a zlib call and several stream hops: ~10 % of a page's CPU, issue 17).
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          const chunks: Buffer[] = [];
          body.on("data", (chunk: Buffer) => chunks.push(chunk));
          body.on("error", reject);
          body.on("end", () => {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError("Rendering failed", error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A page that does not exist (404) is no server error: nothing to log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Never the raw error: a failed query's message carries its parameters (a session token, say).
  logError(`${request.method} ${new URL(request.url).pathname}`, error);
}

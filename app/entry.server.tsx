import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { assertDbReachable, closeDb, migrateDb, pingDb } from "../db/client.server";
import { seedDemoIfEmpty } from "../db/seed/demo.server";
import { detectLanguage, serverI18n } from "./lib/i18n";
import { NonceContext } from "./components/nonce";

export const streamTimeout = 5_000;

// The HTTP server (app/server.js) reaches the database through the build's entry module.
export { assertDbReachable, closeDb, migrateDb, pingDb, seedDemoIfEmpty };
export { readSettings } from "./lib/env.server";
export { startMembershipSweeps } from "./modules/members/sweep.server";
export { startTicketTimers } from "./modules/tickets/timers.server";
export { startMailer } from "./modules/notifications/mailer.server";
export { adoptLegacyResumeFiles } from "./modules/jobs/profiles.server";
export { keepPublicPage, keptPublicPage, publicPageKey, withNonce } from "./lib/public-pages.server";
export { languageOf } from "./lib/i18n";
export { startCacheBus } from "./lib/cache-bus.server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: { nonce?: string },
) {
  const nonce = loadContext?.nonce ?? "";
  const i18n = serverI18n(detectLanguage(request));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
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
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

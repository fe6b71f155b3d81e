/**
 * The pinned patch of @remix-run/server-runtime (patches/@remix-run+server-runtime+2.17.5.patch,
 * issue 17): a document's loader data is encoded for the browser (turbo-stream) only when the page
 * renders <Scripts> and so reads it. No page hydrates (decisions 034, 036), yet Remix encoded every
 * page's data eagerly and threw it away. These tests go through Remix's real request handler: the
 * first fails when the patch is gone (the data is walked although never sent), the second when the
 * patch breaks the hydrated path (decision 034's `handle.hydrate`).
 */
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import { Outlet, RemixServer, Scripts, useLoaderData } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

// @remix-run/node loads the CommonJS build (the package's "main"), as the server does.
const runtime = createRequire(import.meta.url)("@remix-run/server-runtime") as typeof import("@remix-run/server-runtime");

/** Loader data whose one field counts how often it is read (the encoder reads every field). */
function probe() {
  const seen = { reads: 0 };
  const data = {
    get secret() {
      seen.reads++;
      return "handoff-secret";
    },
  };
  return { seen, data };
}

type RootData = { scripts: boolean; probe: { secret: string } };

function Root() {
  const { scripts } = useLoaderData() as RootData;
  return (
    <html lang="en">
      <body>
        <p>page body</p>
        <Outlet />
        {scripts ? <Scripts /> : null}
      </body>
    </html>
  );
}

/** Renders the whole document, as app/entry.server.tsx does (one buffer after onAllReady). */
function handleRequest(request: Request, status: number, headers: Headers, context: never) {
  return new Promise<Response>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(<RemixServer context={context} url={request.url} />, {
      onAllReady() {
        const body = new PassThrough();
        const chunks: Buffer[] = [];
        body.on("data", (c: Buffer) => chunks.push(c));
        body.on("end", () => resolve(new Response(Buffer.concat(chunks), { status, headers })));
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

function handler(loaderData: () => RootData) {
  const build = {
    mode: "production",
    basename: undefined,
    isSpaMode: false,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    entry: { module: { default: handleRequest, streamTimeout: 5_000 } },
    routes: { root: { id: "root", path: "", module: { default: Root, loader: loaderData } } },
    assets: {
      url: "/build/manifest.js",
      version: "test",
      entry: { module: "/build/entry.js", imports: [] },
      routes: {
        root: {
          id: "root",
          path: "",
          module: "/build/root.js",
          imports: [],
          hasLoader: true,
          hasAction: false,
          hasClientLoader: false,
          hasClientAction: false,
          hasErrorBoundary: false,
        },
      },
    },
  };
  return runtime.createRequestHandler(build as never, "production");
}

describe("document handoff (patched @remix-run/server-runtime)", () => {
  it("does not encode the loader data of a page that renders no <Scripts>", async () => {
    const { seen, data } = probe();
    const res = await handler(() => ({ scripts: false, probe: data }))(new Request("http://portal.test/"));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("page body");
    expect(html).not.toContain("streamController");
    expect(seen.reads).toBe(0);
  });

  it("still sends the encoded data to a page that renders <Scripts> (hydrated)", async () => {
    const { seen, data } = probe();
    const res = await handler(() => ({ scripts: true, probe: data }))(new Request("http://portal.test/"));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("window.__remixContext.streamController.enqueue");
    expect(html).toContain("handoff-secret");
    expect(html).toContain("streamController.close()");
    expect(seen.reads).toBeGreaterThan(0);
  });
});

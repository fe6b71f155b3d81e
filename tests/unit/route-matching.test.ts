/**
 * The pinned patch of @remix-run/router (patches/@remix-run+router+1.23.3.patch, issue 17): route
 * matching keeps its ranked branches per tree shape and its compiled patterns, instead of
 * rebuilding both on every call (three calls per page). These tests fail when the patch is gone
 * (a fresh tree of the same shape compiles patterns again) or when the memo answers with a
 * stale tree.
 */
import { createRequire } from "node:module";
import type { AgnosticRouteMatch, AgnosticRouteObject } from "@remix-run/router";
import { afterEach, describe, expect, it } from "vitest";

// The server loads the CommonJS build (the package's "main"); the patch is in that file only.
const router = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");

type R = { id?: string; path?: string; index?: boolean; children?: R[] };
const matchRoutes = (routes: R[], pathname: string) =>
  router.matchRoutes(routes as unknown as AgnosticRouteObject[], pathname) as (AgnosticRouteMatch & { route: R })[] | null;

/** A Remix-like tree, rebuilt as new objects on each call (as the render does per request). */
function tree(extra: R[] = []): R[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        { id: "routes/jobs._index", path: "jobs" },
        { id: "routes/jobs.$id", path: "jobs/:id" },
        { id: "routes/members._index", path: "members" },
        { id: "routes/members.$id", path: "members/:id" },
        { id: "routes/tickets._index", path: "tickets" },
        { id: "routes/tickets.$id", path: "tickets/:id" },
        { id: "routes/$", path: "*" },
        ...extra,
      ],
    },
  ];
}

const RealRegExp = globalThis.RegExp;
let compiled = 0;
function countRegExps() {
  compiled = 0;
  globalThis.RegExp = new Proxy(RealRegExp, {
    construct(target, args) {
      compiled++;
      return Reflect.construct(target, args);
    },
  });
}
afterEach(() => {
  globalThis.RegExp = RealRegExp;
});

describe("route matching (patched @remix-run/router)", () => {
  it("does not compile route patterns again for a new tree of the same shape", () => {
    const first = matchRoutes(tree(), "/members/abc-123");
    expect(first?.map((m) => m.route.id)).toEqual(["root", "routes/members.$id"]);
    matchRoutes(tree(), "/tickets");
    countRegExps();
    const second = matchRoutes(tree(), "/members/def-456");
    const third = matchRoutes(tree(), "/tickets");
    globalThis.RegExp = RealRegExp;
    expect(second?.map((m) => m.route.id)).toEqual(["root", "routes/members.$id"]);
    expect(second?.at(-1)?.params).toEqual({ id: "def-456" });
    expect(third?.map((m) => m.route.id)).toEqual(["root", "routes/tickets._index"]);
    // Unpatched: one new RegExp per route pattern tried, on every call.
    expect(compiled).toBe(0);
  });

  it("answers with the route objects of the tree it is given, not of the tree first ranked", () => {
    matchRoutes(tree(), "/jobs/7");
    const fresh = tree();
    const matches = matchRoutes(fresh, "/jobs/7");
    expect(matches?.at(-1)?.route).toBe(fresh[0].children![2]);
    expect(matches?.[0].route).toBe(fresh[0]);
  });

  it("ranks a tree of another shape afresh, also when a kept tree is changed in place", () => {
    const kept = tree();
    expect(matchRoutes(kept, "/jobs/new")?.at(-1)?.route.id).toBe("routes/jobs.$id");
    // A static segment outranks a parameter once the route exists.
    expect(matchRoutes(tree([{ id: "routes/jobs.new", path: "jobs/new" }]), "/jobs/new")?.at(-1)?.route.id).toBe("routes/jobs.new");
    kept[0].children!.push({ id: "routes/jobs.new", path: "jobs/new" });
    expect(matchRoutes(kept, "/jobs/new")?.at(-1)?.route.id).toBe("routes/jobs.new");
    expect(matchRoutes(tree(), "/nowhere/at/all")?.at(-1)?.route.id).toBe("routes/$");
  });

  it("matches trees without ids (plain React Router use) as before", () => {
    const plain: R[] = [{ path: "/", children: [{ path: "a/:x" }, { path: "a/b" }] }];
    expect(matchRoutes(plain, "/a/b")?.at(-1)?.route).toBe(plain[0].children![1]);
    expect(matchRoutes(plain, "/a/c")?.at(-1)?.params).toEqual({ x: "c" });
  });
});

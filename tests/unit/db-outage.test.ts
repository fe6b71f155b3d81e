import { describe, expect, it } from "vitest";
import { guardRoutes, isDatabaseUnavailable } from "../../app/lib/db-outage.server";

const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("database outage detection", () => {
  it("knows the driver's, the socket's and PostgreSQL's connection failures, also as a cause", () => {
    for (const code of ["CONNECTION_CLOSED", "CONNECT_TIMEOUT", "ECONNREFUSED", "57P01", "57P03", "57014", "08006"])
      expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: coded("ECONNREFUSED") }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]), {}))).toBe(true);
  });
  it("leaves other errors alone (a constraint, a bug)", () => {
    expect(isDatabaseUnavailable(coded("23505"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
  it("turn a route's outage into a 503 Response with Retry-After, and pass everything else through", async () => {
    const routes = guardRoutes({
      a: {
        module: {
          loader: async () => {
            throw new Error("Failed query", { cause: coded("CONNECTION_CLOSED") });
          },
        },
      },
      b: {
        module: {
          action: async () => {
            throw coded("23505");
          },
        },
      },
      c: { module: { loader: async () => "fine" } },
    });
    const thrown = await (routes.a.module.loader as () => Promise<unknown>)().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect((thrown as Response).headers.get("Retry-After")).toBe("5");
    await expect((routes.b.module.action as () => Promise<unknown>)()).rejects.toMatchObject({ code: "23505" });
    expect(await (routes.c.module.loader as () => Promise<unknown>)()).toBe("fine");
  });
});

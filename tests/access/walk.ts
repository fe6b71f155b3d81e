// Shared by the access-matrix walker and the bad-input runner: sessions per role, fixture
// context, and the figures file the `security:figures` script reads.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FixtureContext } from "./fixtures";
import { DEMO_PASSWORD, demoEmail, httpRequest, signIn } from "./http";
import type { Who } from "./types";

/** Source addresses on the loopback, one per kind of test, so login throttling stays apart. */
export const SOURCE = { walker: "127.0.0.2", badInput: "127.0.0.3", throttle: "127.0.0.4", sessions: "127.0.0.5", a11y: "127.0.0.12" } as const;

export class Sessions {
  private cookies = new Map<Who, Promise<string | null>>();
  constructor(
    private baseURL: string,
    private localAddress: string,
  ) {}

  /** One sign-in per role for the whole run (login throttling counts failures only, but stay polite). */
  cookie(who: Who): Promise<string | null> {
    if (who === "anonymous") return Promise.resolve(null);
    let c = this.cookies.get(who);
    if (!c) {
      c = signIn(this.baseURL, demoEmail[who], DEMO_PASSWORD, this.localAddress);
      this.cookies.set(who, c);
    }
    return c;
  }

  /** A session of its own, for an action that ends it (logout). */
  fresh(who: Who): Promise<string | null> {
    if (who === "anonymous") return Promise.resolve(null);
    return signIn(this.baseURL, demoEmail[who], DEMO_PASSWORD, this.localAddress);
  }

  fixtureContext(): FixtureContext {
    return {
      get: async (who, p) => {
        const res = await httpRequest(this.baseURL, { path: p, cookie: await this.cookie(who), localAddress: this.localAddress });
        return { status: res.status, body: res.body };
      },
    };
  }
}

/** Writes one part of the security figures (test-results/security/<name>.json). */
export function writeFigures(outputDir: string, name: string, figures: unknown): void {
  const dir = path.join(outputDir, "security");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(figures, null, 2));
}

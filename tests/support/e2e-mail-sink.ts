/**
 * Playwright global setup: a real SMTP server on loopback that the e2e portal delivers its outbox
 * to (SMTP_URL in tests/playwright.config.ts). Each message is written to
 * tests/.tmp/e2e-mail-<E2E_PORT>/ so a spec can read an email as its recipient would
 * (tests/e2e/account-recovery.spec.ts reads the password-reset link this way).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpSink } from "./smtp-sink";

export const mailPortFor = (e2ePort: number) => e2ePort + 1000;
export const mailDirFor = (e2ePort: number) => path.resolve(import.meta.dirname, `../.tmp/e2e-mail-${e2ePort}`);

export default async function startE2eMailSink(): Promise<() => Promise<void>> {
  const e2ePort = Number(process.env.E2E_PORT ?? 3210);
  const dir = mailDirFor(e2ePort);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const sink = await startSmtpSink(({ to, data }) => writeFileSync(path.join(dir, `${Date.now()}-${++n}.json`), JSON.stringify({ to: to.join(","), data })), {
    port: mailPortFor(e2ePort),
  });
  return sink.close;
}

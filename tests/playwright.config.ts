import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = path.resolve(import.meta.dirname, `.tmp/e2e-data-${port}`);
// Debian's Chromium where it exists (CI and this machine: browsers cannot be downloaded);
// Playwright's own browser elsewhere.
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  // Receives what the portal mails (SMTP_URL below), for specs that read an email.
  globalSetup: "./support/e2e-mail-sink.ts",
  outputDir: "../test-results",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // CI names a JSON report file to count the results.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: existsSync(systemChromium)
          ? {
              executablePath: systemChromium,
              args: [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
              ],
            }
          : {},
      },
    },
  ],
  webServer: {
    // A fresh embedded database for every run: the demo data is seeded into it at start.
    command: `rm -rf "${dataDir}" && node app/server.js`,
    cwd: path.resolve(import.meta.dirname, ".."),
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 300_000,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SEED_DEMO: "auto",
      NODE_ENV: "production",
      SESSION_SECRET: "e2e-session-secret-not-for-production",
      SMTP_URL: `smtp://127.0.0.1:${port + 1000}`,
      MAIL_EVERY_SECONDS: "1",
    },
  },
});

import { defineConfig, devices } from "@playwright/test";
import path from "node:path";

// The test command (scripts/test) builds the app and tells us where the server binary is, which
// port to serve on, and where the app's own PostgreSQL cluster lives for this run.
const port = process.env.SANTA_E2E_PORT ?? "3300";
const baseURL = `http://127.0.0.1:${port}`;
// A second server of the same build with no mail set up (organizers pass links on by hand), on
// its own PostgreSQL cluster: the privacy promise differs between the two modes.
const plainPort = process.env.SANTA_E2E_PLAIN_PORT ?? "3301";
const plainURL = `http://127.0.0.1:${plainPort}`;
const projectRoot = path.resolve(__dirname, "..");
const server = process.env.SANTA_E2E_SERVER;
if (!server) {
  throw new Error("SANTA_E2E_SERVER is not set: run the end-to-end tests through scripts/test");
}

/** The app on `port`, with the settings every e2e server shares and `env` on top. */
function appServer(port: string, env: Record<string, string>) {
  return {
    command: server!,
    cwd: projectRoot,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? "target/site",
      LEPTOS_OUTPUT_NAME: "secret-santa",
      RUST_LOG: process.env.RUST_LOG ?? "warn",
      // Every test registers from this one address.
      REGISTRATIONS_PER_ADDRESS: "100000",
      ...env,
    },
  };
}

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      testIgnore: /without-(mail|javascript)\//,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      // Every form that does not need the editor's live rows, with JavaScript off.
      name: "without-javascript",
      testMatch: /without-javascript\/.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, javaScriptEnabled: false },
    },
    {
      name: "without-mail",
      testMatch: /without-mail\/.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: plainURL },
    },
  ],
  webServer: [
    appServer(port, {
      MAIL_FROM: "Secret Santa <santa@example.org>",
    }),
    appServer(plainPort, {
      SMTP_URL: "",
      SANTA_DATA_DIR: process.env.SANTA_E2E_PLAIN_DATA_DIR ?? ".data-e2e-plain",
      SANTA_PG_PORT: process.env.SANTA_E2E_PLAIN_PG_PORT ?? "54339",
    }),
  ],
});

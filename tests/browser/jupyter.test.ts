/**
 * Charts in a live Jupyter Notebook (Debian's jupyter-notebook, the project's tslab kernel) survive what users
 * do: Run All twice in one kernel, save, reopen the page, run a chart cell again. The second run's outputs do
 * not carry the plotly bundle (the kernel already sent it), so after saving and reopening the charts draw only
 * because each chart loads plotly.js from the Jupyter server itself when its page lacks it.
 * Every request the page makes must go to this local server; anything else is recorded, aborted and fails.
 */
import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../lib/plots/chromium";

const ROOT = path.resolve(__dirname, "../..");
const NOTEBOOK_DIR = path.join(ROOT, "test-artifacts", "jupyter");
const NOTEBOOK = path.join(NOTEBOOK_DIR, "charts-rerun.ipynb");
const TOKEN = "vsw-browser-test";
/** Milliseconds for the server to start, the kernel to answer and a run to finish on two loaded cores. */
const WAIT_MS = 180_000;

function code(source: string) {
  return { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source };
}

const NOTEBOOK_JSON = {
  cells: [
    code('import * as vs from "../../dist";'),
    code('vs.show({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: "first" } } });'),
    code('vs.show({ data: [{ type: "scatter", x: [1, 2, 3], y: [3, 1, 2] }], layout: { title: { text: "second" } } });'),
  ],
  metadata: {
    kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
    language_info: { file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
  },
  nbformat: 4,
  nbformat_minor: 5,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(base: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`jupyter notebook exited with ${server.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${base}/api/status?token=${TOKEN}`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`jupyter notebook did not answer within ${WAIT_MS} ms:\n${log()}`);
}

const DRAWN = "Array.from(document.querySelectorAll('.vsw-figure')).filter((e) => e.querySelector('.main-svg')).length";
const drawnCharts = (page: Page) => page.evaluate(DRAWN) as Promise<number>;

async function waitForDrawn(page: Page, n: number, what: string): Promise<void> {
  await page
    .waitForFunction(`${DRAWN} >= ${n}`, undefined, { timeout: WAIT_MS })
    .catch(() => undefined);
  const texts = (await page.evaluate("Array.from(document.querySelectorAll('.vsw-figure')).map((e) => e.textContent)")) as string[];
  assert.equal(texts.length, n, `${what}: chart outputs on the page`);
  assert.equal(await drawnCharts(page), n, `${what}: charts drawn (chart texts: ${JSON.stringify(texts)})`);
}

/** Run every cell and wait until each code cell shows an execution count above `after`. */
async function runAll(page: Page, after: number): Promise<number> {
  await page.evaluate("Jupyter.notebook.execute_all_cells()");
  await page.waitForFunction(
    `Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code").every((c) => typeof c.input_prompt_number === "number" && c.input_prompt_number > ${after})`,
    undefined,
    { timeout: WAIT_MS },
  );
  return (await page.evaluate(
    `Math.max(...Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code").map((c) => c.input_prompt_number))`,
  )) as number;
}

async function openNotebook(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load", timeout: WAIT_MS });
  await page.waitForFunction("window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()", undefined, { timeout: WAIT_MS });
}

describe("charts in a live Jupyter Notebook with the tslab kernel", () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let base = "";
  let serverLog = "";
  const foreignRequests: string[] = [];

  /** Stop the Jupyter server's process group, if it still runs. */
  const stopServer = (): void => {
    if (server?.pid !== undefined && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };

  before(async () => {
    assert.ok(fs.existsSync("/usr/bin/jupyter-notebook"), "Jupyter Notebook is missing: scripts/setup-jupyter.sh installs it (npm test runs it)");
    assert.ok(fs.existsSync(path.join(ROOT, ".jupyter", "share", "jupyter", "kernels", "tslab")), "the project's tslab kernel is missing: run scripts/setup-jupyter.sh");
    fs.rmSync(NOTEBOOK_DIR, { recursive: true, force: true });
    fs.mkdirSync(NOTEBOOK_DIR, { recursive: true });
    fs.writeFileSync(NOTEBOOK, JSON.stringify(NOTEBOOK_JSON, null, 1));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(
      "/usr/bin/jupyter",
      ["notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, `--NotebookApp.token=${TOKEN}`, `--notebook-dir=${ROOT}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])],
      { env: { ...process.env, JUPYTER_PATH: path.join(ROOT, ".jupyter", "share", "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    // the server runs in its own process group (detached): stopped here too when this test process ends early — npm test
    // stops the early browser tests with SIGTERM when a unit test fails, and a server had then outlived every run
    process.once("exit", stopServer);
    process.once("SIGTERM", () => {
      stopServer();
      process.exit(143);
    });
    server.stdout?.on("data", (d) => (serverLog += d));
    server.stderr?.on("data", (d) => (serverLog += d));
    await waitForServer(base, server, () => serverLog);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    stopServer();
  });

  it("draws every chart after Run All twice, after save and reopen, and after re-running a chart cell", async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      foreignRequests.push(url);
      return route.abort();
    });
    const url = `${base}/notebooks/test-artifacts/jupyter/charts-rerun.ipynb?token=${TOKEN}`;
    await openNotebook(page, url);

    const first = await runAll(page, 0);
    await waitForDrawn(page, 2, "first Run All");
    const second = await runAll(page, first);
    assert.ok(second > first);
    await waitForDrawn(page, 2, "second Run All in the same kernel");

    await page.evaluate("Jupyter.notebook.save_notebook()");
    await page.waitForFunction("!Jupyter.notebook.dirty", undefined, { timeout: WAIT_MS });
    const saved = JSON.parse(fs.readFileSync(NOTEBOOK, "utf8")) as { cells: { outputs?: { data?: Record<string, string | string[]> }[] }[] };
    const html = saved.cells.flatMap((c) => c.outputs ?? []).map((o) => [o.data?.["text/html"] ?? ""].flat().join("")).join("\n");
    assert.equal((html.match(/class="vsw-figure"/g) ?? []).length, 2, "the saved notebook holds both chart outputs");
    assert.ok(!html.includes("inlined for offline use"), "the saved outputs of the second run carry no plotly bundle: reopening depends on the loader");

    await openNotebook(page, url);
    await waitForDrawn(page, 2, "saved and reopened");

    await page.evaluate("Jupyter.notebook.execute_cells([2])");
    await page.waitForFunction(`Jupyter.notebook.get_cell(2).input_prompt_number > ${second}`, undefined, { timeout: WAIT_MS });
    await waitForDrawn(page, 2, "a chart cell run again after reopening");

    assert.deepEqual(foreignRequests, [], "requests to anywhere but the local Jupyter server");
    await page.close();
  });
});

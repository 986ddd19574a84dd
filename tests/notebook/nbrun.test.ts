/**
 * scripts/nbrun.py: a failing cell fails the run with the notebook, the cell index, its source and the error;
 * a passing notebook is exported to offline HTML with an index. Runs the real tslab kernel (set up first by
 * scripts/setup-jupyter.sh, which installs what is missing or fails loudly).
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "../..");
const env = { ...process.env, JUPYTER_PATH: path.join(ROOT, ".jupyter/share/jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };

function notebook(dir: string, name: string, cells: string[]): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: [
      { id: "m0", cell_type: "markdown", metadata: {}, source: `# ${name}` },
      ...cells.map((source, i) => ({ id: `c${i}`, cell_type: "code", metadata: {}, execution_count: null, outputs: [], source })),
    ],
  };
  const file = path.join(dir, `${name}.ipynb`);
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}

describe("scripts/nbrun.py", () => {
  const dir = tempDir("vsw-nbrun-");
  const out = path.join(dir, "site");
  const ok = notebook(dir, "10-ok", ['const answer: number = 6 * 7;\nconsole.log(`answer ${answer}`);']);
  const bad = notebook(dir, "11-bad", ["const x = 1;", 'throw new Error("planted failure");']);
  const typed = notebook(dir, "12-typed", ['const n: number = "text";']);
  // one run of the three notebooks (one Python and Jupyter start-up instead of one per case); each case is
  // checked on its own notebook's part of the output
  let run: SpawnSyncReturns<string>;
  before(() => {
    execFileSync("bash", [path.join(ROOT, "scripts/setup-jupyter.sh")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    run = spawnSync("/usr/bin/python3", [path.join(ROOT, "scripts/nbrun.py"), "--out", out, ok, bad, typed], { env, encoding: "utf8" });
  });
  /** What nbrun printed on stderr about one notebook: from its "NAME.ipynb: cell" line to the next notebook's or the summary. */
  const failureOf = (name: string) => {
    const start = run.stderr.indexOf(`${name}.ipynb: cell `);
    assert.ok(start >= 0, `no failure reported for ${name}:\n${run.stderr}`);
    const rest = run.stderr.slice(start + 1);
    const end = rest.search(/\n(?:\S+\.ipynb: cell |nbrun: )/);
    return run.stderr.slice(start, end < 0 ? undefined : start + 1 + end);
  };

  it("names the notebook, the cell, its source and the error when a cell fails, and exits 1", () => {
    assert.equal(run.status, 1, run.stderr);
    const failure = failureOf("11-bad");
    assert.match(failure, /11-bad\.ipynb: cell 2 failed/);
    assert.match(failure, /--- source ---\nthrow new Error\("planted failure"\);/);
    assert.match(failure, /Error: planted failure/);
    assert.match(run.stdout, /10-ok\.ipynb: ok/);
    const page = fs.readFileSync(path.join(out, "10-ok.html"), "utf8");
    assert.match(page, /answer 42/);
    assert.doesNotMatch(page, /<script[^>]+src="https?:/);
    assert.match(fs.readFileSync(path.join(out, "index.html"), "utf8"), /11-bad\.html">11-bad<\/a> — <strong>failed<\/strong>/);
    assert.equal(JSON.parse(fs.readFileSync(ok, "utf8")).cells[1].outputs.length, 0, "the source notebook was modified");
  });

  it("reports a type error that tslab prints on stderr", () => {
    assert.equal(run.status, 1);
    assert.match(failureOf("12-typed"), /Type 'string' is not assignable to type 'number'/);
  });
});

describe("scripts/nbrun.py's index", () => {
  it("keeps the pages of notebooks not run this time (one notebook run alone had left the index, and site/, with its page only)", () => {
    const out = tempDir("vsw-nbindex-");
    fs.writeFileSync(path.join(out, "01-earlier.html"), "<html><head><title>Earlier &amp; kept</title></head><body></body></html>");
    fs.writeFileSync(path.join(out, "03-other.html"), "<html><head></head><body></body></html>");
    const script = "import sys; sys.path.insert(0, sys.argv[1]); import nbrun; nbrun.write_index(sys.argv[2], [('02-now', 'Run now', True), ('04-bad', 'Failed now', False)])";
    execFileSync("/usr/bin/python3", ["-c", script, path.join(ROOT, "scripts"), out]);
    const index = fs.readFileSync(path.join(out, "index.html"), "utf8");
    const items = [...index.matchAll(/<li>(.*)<\/li>/g)].map((m) => m[1]);
    assert.deepEqual(items, [
      '<a href="01-earlier.html">Earlier &amp; kept</a>',
      '<a href="02-now.html">Run now</a>',
      '<a href="03-other.html">03-other</a>',
      '<a href="04-bad.html">Failed now</a> — <strong>failed</strong>',
    ]);
    // and the script removes the site only when it runs every notebook
    const sh = fs.readFileSync(path.join(ROOT, "scripts/run-notebooks.sh"), "utf8");
    assert.match(sh, /if \[ "\$#" -eq 0 \]; then rm -rf "\$SITE_DIR"; fi/);
  });
});

/**
 * The library's layers import one way only (STYLE.md: "lower layers never import higher ones").
 * stats is pure numerics on plain arrays, so it sits under data; data flows
 * data → indicators/context → vitals → plots/report → notebook/cli.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const LIB = path.join(__dirname, "..", "lib");

/** Layer of each top-level entry of lib/: an import may go to a lower layer or within its own folder. */
const LAYER: Record<string, number> = {
  errors: 0,
  project: 0,
  progress: 0.5, // beside errors (it throws InputError), under every other layer
  "worker-threads": 0.5, // how the library starts its worker threads (vitals resampling, returns import)
  suggest: 0.5, // "did you mean": plain string distance, used from data up to cli
  "join-words": 0.25, // "a, b and c" in messages: under every layer that writes a list (suggest, returns, report)
  "wasm-api": 0, // types of the WebAssembly global the generated modules use (data: the CSV scanner; pilot: hashers, rows)
  stats: 1,
  data: 2,
  indicators: 3,
  context: 3,
  disclosure: 3,
  pilot: 4,
  returns: 4.5, // LAs' own returns (SSDA903, CIN census), aggregated like pilot data; above pilot, whose keyed pseudonymisation it uses
  vitals: 4,
  plots: 5,
  profile: 5.5, // the LA profile (numbers and figures): above plots, below report, which writes profile.html
  report: 6,
  notebook: 7,
  adapters: 7,
  synthetic: 7.5, // seeded test-data generators (synthetic returns): import what they need; only the CLI above them
  cli: 8,
  index: 9,
};

/** Generated bundles outside lib/ that lib may require (self-contained, no imports; scripts/vendor-*.ts make them). */
const VENDORED = new Set(["vendor/stdlib-distributions.js"]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

function topOf(file: string): string {
  return path.relative(LIB, file).split(path.sep)[0].replace(/\.ts$/, "");
}

const IMPORT_RE = /^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|\bimport\(\s*"(\.[^"]+)"\s*\)|\brequire\(\s*"(\.[^"]+)"\s*\)/gm;

test("every folder of lib/ has a layer", () => {
  const tops = new Set(sources(LIB).map(topOf));
  const unknown = [...tops].filter((t) => LAYER[t] === undefined);
  assert.deepEqual(unknown, [], `add these to LAYER in tests/architecture.test.ts: ${unknown.join(", ")}`);
});

test("no module imports from a higher layer or from outside lib/", () => {
  const violations: string[] = [];
  for (const file of sources(LIB)) {
    const from = topOf(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = path.resolve(path.dirname(file), spec);
      const rel = path.relative(LIB, target);
      if (VENDORED.has(path.relative(path.join(LIB, ".."), target))) continue;
      if (rel.startsWith("..")) {
        violations.push(`${path.relative(LIB, file)} imports ${spec}, outside lib/`);
        continue;
      }
      const to = rel.split(path.sep)[0].replace(/\.ts$/, "");
      if (to !== from && (LAYER[to] ?? Infinity) >= LAYER[from]) {
        violations.push(`${path.relative(LIB, file)} (${from}, layer ${LAYER[from]}) imports ${spec} (${to}, layer ${LAYER[to]})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test("the layering check sees a violation when one exists", () => {
  const sample = 'import { x } from "../report/document";\n';
  const found = [...sample.matchAll(IMPORT_RE)].map((m) => m[1]);
  assert.deepEqual(found, ["../report/document"]);
});

// ---------------------------------------------------------------------------------------------------------
// Size and cycles (issue #16): no import cycle in lib/, no file over MAX_FILE_LINES lines, no function over
// MAX_FUNCTION_LINES lines. The allowlists below are known debts being paid off: an entry may only shrink.
// The test fails when an allowlisted item grows, when a new offender appears, and when an entry is no longer
// needed (the item is under the limit, gone or renamed), so the lists stay honest: shrink or delete the entry
// in the same commit that shrinks the code.
// ---------------------------------------------------------------------------------------------------------

/** Longest file in lib/, in lines (issue #16: "no file in lib/ over 500 lines"). */
const MAX_FILE_LINES = 500;
/** Longest function, from its first line (the signature) to its last (the closing brace), in lines. */
const MAX_FUNCTION_LINES = 80;

/**
 * Files of lib/ over {@link MAX_FILE_LINES} (path under lib/ → its lines): none since round 3 (issue #16). A
 * file that has to grow past the limit is split by meaning; an entry here is a debt that may only shrink.
 */
const FILE_LINES_ALLOWED: Record<string, number> = {};

/**
 * Functions of lib/ over {@link MAX_FUNCTION_LINES} today (`file#name`, nested functions as `outer/inner`,
 * unnamed ones as `<anonymous>` → its lines): may only shrink.
 */
const FUNCTION_LINES_ALLOWED: Record<string, number> = {};

/** Import cycles in lib/ today (the files of each cycle, sorted, joined by " ↔ "): may only disappear. */
const CYCLES_ALLOWED: string[] = [];

/** Lines of a text as `wc -l` counts them (a final newline ends the last line, it does not start another). */
function lineCount(text: string): number {
  const n = text.split("\n").length;
  return text.endsWith("\n") ? n - 1 : n;
}

/** The name a function is known by: its own, the variable or property it is assigned to, or `<anonymous>`. */
function functionName(node: ts.SignatureDeclaration): string {
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const own = node.name;
  if (own && (ts.isIdentifier(own) || ts.isStringLiteral(own) || ts.isPrivateIdentifier(own))) return own.text;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) &&
    (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  return "<anonymous>";
}

/**
 * Every function with a body in a source text and its length in lines (first line to last line inclusive),
 * named `outer/inner` when nested; two functions of one name keep the longer.
 */
function functionLengths(fileName: string, text: string): Map<string, number> {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lengths = new Map<string, number>();
  const visit = (node: ts.Node, outer: string): void => {
    let here = outer;
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      here = outer ? `${outer}/${functionName(node)}` : functionName(node);
      lengths.set(here, Math.max(lengths.get(here) ?? 0, last - first + 1));
    }
    ts.forEachChild(node, (child) => visit(child, here));
  };
  visit(sf, "");
  return lengths;
}

/** The lib/ files a file imports (static, dynamic, require and re-exports; type-only imports count too). */
function importedFiles(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith("."))
    .flatMap((spec) => {
      const base = path.resolve(path.dirname(file), spec);
      const found = [base + ".ts", path.join(base, "index.ts")].find((c) => fs.existsSync(c));
      return found ? [found] : [];
    });
}

/** Strongly connected components with more than one member (or a self-import): the import cycles (Tarjan 1972). */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const strongConnect = (v: string): void => {
    order.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) !== order.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!order.has(v)) strongConnect(v);
  return cycles;
}

/**
 * Compare measured sizes with the limit and the allowlist: new offenders, allowlisted items that grew, and
 * allowlist entries no longer needed (under the limit, or gone).
 */
function sizeProblems(measured: ReadonlyMap<string, number>, limit: number, allowed: Readonly<Record<string, number>>, what: string): string[] {
  const problems: string[] = [];
  for (const [key, lines] of measured) {
    const debt = allowed[key];
    if (lines <= limit) continue;
    if (debt === undefined) problems.push(`${key}: ${lines} lines, over the ${limit}-line limit for a ${what} (split it by meaning)`);
    else if (lines > debt) problems.push(`${key}: ${lines} lines, grew beyond its allowlisted ${debt} (allowlisted debts may only shrink)`);
  }
  for (const [key, debt] of Object.entries(allowed)) {
    const lines = measured.get(key);
    if (lines === undefined) problems.push(`${key}: allowlisted (${debt} lines) but no longer exists: delete the entry`);
    else if (lines <= limit) problems.push(`${key}: ${lines} lines, within the ${limit}-line limit: delete its allowlist entry`);
  }
  return problems;
}

test(`no file in lib/ over ${MAX_FILE_LINES} lines, beyond the allowlisted debts`, () => {
  const measured = new Map(sources(LIB).map((f) => [path.relative(LIB, f).split(path.sep).join("/"), lineCount(fs.readFileSync(f, "utf8"))] as const));
  assert.deepEqual(sizeProblems(measured, MAX_FILE_LINES, FILE_LINES_ALLOWED, "file"), []);
});

test(`no function in lib/ over ${MAX_FUNCTION_LINES} lines, beyond the allowlisted debts`, () => {
  const measured = new Map<string, number>();
  for (const f of sources(LIB)) {
    const rel = path.relative(LIB, f).split(path.sep).join("/");
    for (const [name, lines] of functionLengths(f, fs.readFileSync(f, "utf8"))) measured.set(`${rel}#${name}`, lines);
  }
  assert.deepEqual(sizeProblems(measured, MAX_FUNCTION_LINES, FUNCTION_LINES_ALLOWED, "function"), []);
});

test("no import cycle in lib/, beyond the allowlisted ones", () => {
  const graph = new Map(sources(LIB).map((f) => [f, importedFiles(f)] as const));
  const found = cyclesOf(graph).map((c) => c.map((f) => path.relative(LIB, f).split(path.sep).join("/")).join(" ↔ ")).sort();
  assert.deepEqual(found.filter((c) => !CYCLES_ALLOWED.includes(c)), [], "new import cycles");
  assert.deepEqual(CYCLES_ALLOWED.filter((c) => !found.includes(c)), [], "allowlisted cycles that are gone: delete their entries");
});

test("the size and cycle checks see an offender when one exists", () => {
  const body = Array.from({ length: MAX_FUNCTION_LINES - 1 }, (_, i) => `  const v${i} = ${i};`).join("\n");
  const lengths = functionLengths("sample.ts", `export function long(): void {\n${body}\n}\nconst short = () => {\n  return 1;\n};\nclass K { method() { return 2; } }\n`);
  assert.equal(lengths.get("long"), MAX_FUNCTION_LINES + 1);
  assert.equal(lengths.get("short"), 3);
  assert.equal(lengths.get("method"), 1);
  assert.deepEqual(sizeProblems(lengths, MAX_FUNCTION_LINES, {}, "function"), [`long: ${MAX_FUNCTION_LINES + 1} lines, over the ${MAX_FUNCTION_LINES}-line limit for a function (split it by meaning)`]);
  assert.equal(sizeProblems(lengths, MAX_FUNCTION_LINES, { long: MAX_FUNCTION_LINES }, "function").length, 1, "an allowlisted item that grew");
  assert.deepEqual(sizeProblems(lengths, MAX_FUNCTION_LINES, { long: 90 }, "function"), [], "a debt that shrank but is still over the limit");
  assert.equal(sizeProblems(new Map(), MAX_FUNCTION_LINES, { gone: 90 }, "function").length, 1, "an entry no longer needed");
  assert.equal(lineCount("a\nb\n"), 2);
  const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]], ["e", ["e"]]]);
  assert.deepEqual(cyclesOf(graph).map((c) => c.join(",")).sort(), ["a,b,c", "e"]);
});

/**
 * Rename the snake_case properties of the in-memory result types of lib/vitals to camelCase (issue #16:
 * "camelCase in memory, snake_case only where results.json is written"), everywhere they are used.
 *
 * How: the TypeScript LanguageService over the files of tsconfig.json (lib, tests, bench, scripts) plus one
 * virtual TypeScript file per notebook (its code cells joined, `../dist` read as `../lib`), so a notebook's
 * property accesses are renamed by type, not by spelling. For every snake_case property declared in the
 * interfaces listed in {@link TARGETS} (nested type literals included) it asks `findRenameLocations` and applies
 * the edits (a shorthand `{ raw_r }` becomes `{ rawR: raw_r }`). Column lists (`columns: ["raw_r", …]` in a call
 * whose first argument is an array of such objects) are strings the compiler cannot follow; they are renamed when
 * the array's element type has the property; a property written beside a spread of a target type
 * (`{ ...row, q_bh: q[j] }`) is renamed as the target's. Writers of results.json, CSV and xlsx map every field explicitly, so
 * none of these renames changes an output.
 *
 * Idempotent: once renamed, the interfaces declare no snake_case property and the script changes nothing.
 * Prints every rename (file:line) and, for notebooks, the cell and line.
 *
 * Run: `node --import tsx scripts/rename-to-camel.ts` (add `--dry-run` to print without writing).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const DRY_RUN = process.argv.includes("--dry-run");

/** The in-memory result types whose snake_case properties are renamed (file relative to the project root). */
export const TARGETS: readonly { file: string; types: readonly string[] }[] = [
  { file: "lib/vitals/screen.ts", types: ["ScreenRow"] },
  { file: "lib/vitals/verdicts.ts", types: ["Verdict"] },
  { file: "lib/vitals/percentiles.ts", types: ["LaExtremes"] },
  { file: "lib/vitals/study2016.ts", types: ["Study2016Row", "Study2016Reproduction"] },
  { file: "lib/vitals/panel.ts", types: ["PanelIndicatorResult", "PanelJointResult", "PanelAnalysis"] },
  { file: "lib/vitals/holdout.ts", types: ["HoldoutScore", "HoldoutOrigin"] },
  { file: "lib/vitals/holdout-grades.ts", types: ["GradeScore", "GradeHoldoutOrigin"] },
  { file: "lib/context/link.ts", types: ["LinkedOutcome"] },
];

/** Names whose mechanical camelCase would not explain itself. */
const SPECIAL_NAMES: Record<string, string> = {
  p_f: "significanceF",
  published_p_f: "publishedSignificanceF",
};

/** snake_case → camelCase (`raw_r_lower` → `rawRLower`), with {@link SPECIAL_NAMES} first. */
export function camelName(name: string): string {
  return SPECIAL_NAMES[name] ?? name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

interface Edit {
  file: string;
  start: number;
  end: number;
  oldText: string;
  newText: string;
}

interface NotebookFile {
  ipynb: string;
  virtual: string;
  json: { cells: { cell_type: string; source: string[] | string }[] };
  /** Per code cell: index in `cells` and its [start, end) in the virtual text. */
  spans: { cell: number; start: number; end: number }[];
  text: string;
  raw: string;
}

function cellSource(source: string[] | string): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** One virtual .ts file per notebook: the code cells joined by blank lines, `../dist` imports read from `../lib`. */
function notebookFiles(): NotebookFile[] {
  const dir = path.join(ROOT, "notebooks");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => {
    const ipynb = path.join(dir, f);
    const raw = fs.readFileSync(ipynb, "utf8");
    const json = JSON.parse(raw) as NotebookFile["json"];
    const spans: NotebookFile["spans"] = [];
    let text = "";
    json.cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      // same length as the original, so offsets map back one to one
      const src = cellSource(c.source).replace(/(["'])\.\.\/dist(["'/])/g, "$1../lib$2");
      spans.push({ cell: i, start: text.length, end: text.length + src.length });
      text += src + "\n;\n";
    });
    return { ipynb, virtual: path.join(dir, `${f.replace(/\.ipynb$/, "")}.notebook.ts`), json, spans, text, raw };
  });
}

function languageService(notebooks: readonly NotebookFile[]): ts.LanguageService {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`rename-to-camel: tsconfig.json: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    },
  });
  if (!parsed) throw new Error("rename-to-camel: tsconfig.json could not be read");
  const virtual = new Map(notebooks.map((n) => [n.virtual, n.text]));
  const fileNames = [...parsed.fileNames, ...virtual.keys()];
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => fileNames,
    getScriptVersion: () => "0",
    getScriptSnapshot: (f) => {
      const text = virtual.get(f) ?? (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => virtual.has(f) || ts.sys.fileExists(f),
    readFile: (f) => virtual.get(f) ?? ts.sys.readFile(f),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

/** The snake_case property declarations inside the target interfaces (nested type literals included). */
function targetDeclarations(program: ts.Program): ts.PropertySignature[] {
  const out: ts.PropertySignature[] = [];
  for (const t of TARGETS) {
    const sf = program.getSourceFile(path.join(ROOT, t.file));
    if (!sf) throw new Error(`rename-to-camel: ${t.file} is not in tsconfig.json`);
    for (const name of t.types) {
      const decl = sf.statements.find((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
        (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
      if (!decl) throw new Error(`rename-to-camel: ${t.file} declares no ${name}`);
      const visit = (node: ts.Node): void => {
        if (ts.isPropertySignature(node) && ts.isIdentifier(node.name) && node.name.text.includes("_")) out.push(node);
        ts.forEachChild(node, visit);
      };
      visit(decl);
    }
  }
  return out;
}

function renameEdits(ls: ts.LanguageService, decls: readonly ts.PropertySignature[]): Edit[] {
  const edits: Edit[] = [];
  const prefs: ts.UserPreferences = { providePrefixAndSuffixTextForRename: true };
  for (const d of decls) {
    const oldName = (d.name as ts.Identifier).text;
    const newName = camelName(oldName);
    const file = d.getSourceFile().fileName;
    const locations = ls.findRenameLocations(file, d.name.getStart(), false, false, prefs) ?? [];
    for (const loc of locations) {
      const text = ls.getProgram()!.getSourceFile(loc.fileName)!.text;
      const oldText = text.slice(loc.textSpan.start, loc.textSpan.start + loc.textSpan.length);
      if (oldText !== oldName) {
        console.warn(`rename-to-camel: skipped ${path.relative(ROOT, loc.fileName)}@${loc.textSpan.start}: found ${JSON.stringify(oldText)}, expected ${oldName}`);
        continue;
      }
      edits.push({ file: loc.fileName, start: loc.textSpan.start, end: loc.textSpan.start + loc.textSpan.length, oldText, newText: `${loc.prefixText ?? ""}${newName}${loc.suffixText ?? ""}` });
    }
  }
  return edits;
}

/** `columns: ["raw_r", …]` in a call whose first argument is an array of objects with that (renamed) property. */
function columnEdits(program: ts.Program, decls: readonly ts.PropertySignature[], files: ReadonlySet<string>): Edit[] {
  const checker = program.getTypeChecker();
  const targets = new Set<ts.Declaration>(decls);
  const edits: Edit[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!files.has(sf.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.length >= 2) {
        const rowsType = checker.getTypeAtLocation(node.arguments[0]);
        const element = checker.isArrayType(rowsType) || checker.isTupleType(rowsType) ? checker.getTypeArguments(rowsType as ts.TypeReference)[0] : undefined;
        for (const arg of node.arguments.slice(1)) {
          if (!element || !ts.isObjectLiteralExpression(arg)) continue;
          for (const p of arg.properties) {
            if (!ts.isPropertyAssignment(p) || p.name.getText(sf) !== "columns" || !ts.isArrayLiteralExpression(p.initializer)) continue;
            for (const lit of p.initializer.elements) {
              if (!ts.isStringLiteral(lit)) continue;
              const prop = checker.getPropertyOfType(element, lit.text);
              if (!prop?.declarations?.some((d) => targets.has(d))) continue;
              const start = lit.getStart(sf) + 1;
              edits.push({ file: sf.fileName, start, end: start + lit.text.length, oldText: lit.text, newText: camelName(lit.text) });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return edits;
}

/**
 * `{ ...row, q_bh: q[j] }`: a property written beside a spread of a target type is the target's property even
 * where the object literal has no contextual type (findRenameLocations does not see it), so it is renamed too.
 */
function spreadOverrideEdits(program: ts.Program, decls: readonly ts.PropertySignature[], files: ReadonlySet<string>): Edit[] {
  const checker = program.getTypeChecker();
  const targets = new Set<ts.Declaration>(decls);
  const oldNames = new Set(decls.map((d) => (d.name as ts.Identifier).text));
  const edits: Edit[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!files.has(sf.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const spreads = node.properties.filter(ts.isSpreadAssignment).map((sp) => checker.getTypeAtLocation(sp.expression));
        for (const p of node.properties) {
          if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !ts.isIdentifier(p.name) || !oldNames.has(p.name.text)) continue;
          const name = p.name.text;
          if (!spreads.some((t) => checker.getPropertyOfType(t, name)?.declarations?.some((d) => targets.has(d)))) continue;
          const start = p.name.getStart(sf);
          const newText = ts.isShorthandPropertyAssignment(p) ? `${camelName(name)}: ${name}` : camelName(name);
          edits.push({ file: sf.fileName, start, end: start + name.length, oldText: name, newText });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return edits;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Source lines as an ipynb stores them: each ends with "\n" except the last. */
function sourceLines(text: string): string[] {
  const lines = text.split("\n");
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)).filter((l, i, all) => !(i === all.length - 1 && l === ""));
}

function main(): void {
  const notebooks = notebookFiles();
  const ls = languageService(notebooks);
  const program = ls.getProgram()!;
  const decls = targetDeclarations(program);
  const ownFiles = new Set(program.getSourceFiles().map((s) => s.fileName).filter((f) => !f.includes("/node_modules/") && f.startsWith(ROOT)));
  // later edits win at the same position: the LanguageService's own (with shorthand prefixes) last
  const all = [...spreadOverrideEdits(program, decls, ownFiles), ...columnEdits(program, decls, ownFiles), ...renameEdits(ls, decls)];
  const unique = new Map<string, Edit>();
  for (const e of all) unique.set(`${e.file}:${e.start}`, e);
  const byFile = new Map<string, Edit[]>();
  for (const e of unique.values()) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);

  console.log(`rename-to-camel: ${decls.length} snake_case properties declared in ${TARGETS.flatMap((t) => t.types).join(", ")}`);
  for (const d of decls) console.log(`  ${(d.name as ts.Identifier).text} → ${camelName((d.name as ts.Identifier).text)}`);
  const virtualOf = new Map(notebooks.map((n) => [n.virtual, n]));
  let count = 0;
  for (const [file, edits] of [...byFile].sort((a, b) => a[0].localeCompare(b[0]))) {
    const nb = virtualOf.get(file);
    edits.sort((a, b) => a.start - b.start);
    if (!nb) {
      const text = fs.readFileSync(file, "utf8");
      for (const e of edits) console.log(`${path.relative(ROOT, file)}:${lineOf(text, e.start)}: ${e.oldText} → ${e.newText}`);
      if (!DRY_RUN) fs.writeFileSync(file, applyEdits(text, edits));
      count += edits.length;
      continue;
    }
    for (const span of nb.spans) {
      const inCell = edits.filter((e) => e.start >= span.start && e.end <= span.end).map((e) => ({ ...e, start: e.start - span.start, end: e.end - span.start }));
      if (inCell.length === 0) continue;
      const cell = nb.json.cells[span.cell];
      const src = cellSource(cell.source);
      for (const e of inCell) console.log(`${path.relative(ROOT, nb.ipynb)} cell ${span.cell} line ${lineOf(src, e.start)}: ${e.oldText} → ${e.newText}`);
      const renamed = applyEdits(src, inCell);
      cell.source = Array.isArray(cell.source) ? sourceLines(renamed) : renamed;
      count += inCell.length;
    }
    if (!DRY_RUN) fs.writeFileSync(nb.ipynb, notebookText(nb));
  }
  console.log(`rename-to-camel: ${count} edits in ${byFile.size} files${DRY_RUN ? " (dry run: nothing written)" : ""}`);
}

/** The notebook as Jupyter writes it (one-space indent, non-ASCII kept, trailing newline). */
function notebookText(nb: NotebookFile): string {
  const trailing = nb.raw.endsWith("\n") ? "\n" : "";
  return JSON.stringify(nb.json, null, 1) + trailing;
}

main();

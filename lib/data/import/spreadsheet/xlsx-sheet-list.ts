/**
 * The sheets an .xlsx workbook lists (its workbook part, `xl/workbook.xml`) and where each is stored (its
 * relationships part, `xl/_rels/workbook.xml.rels`), read as xlsx.ts reads them: ECMA-376 Part 1, §18.2.
 */
import { DataError } from "../../../errors";
import { partPlace } from "./workbook-parts";
import { parseXmlAttributes, xmlTokens } from "./xml-tokens";

/** A sheet the workbook lists: its tab name and the zip part holding its cells. */
export interface DeclaredSheet {
  name: string;
  path: string;
}

/**
 * The relationships part's targets by id (`rId1` → `worksheets/sheet1.xml`).
 * @example relationshipTargets('<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>', "book.xlsx").get("rId1") // "worksheets/sheet1.xml"
 */
export function relationshipTargets(rels: string, file: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const t of xmlTokens(rels, file)) {
    if (t.kind === "open" && t.name === "Relationship") {
      const a = parseXmlAttributes(t.attrs, file);
      if (a.Id !== undefined && a.Target !== undefined) targets.set(a.Id, a.Target);
    }
  }
  return targets;
}

/**
 * The sheets the workbook part declares, in order, each with the part holding it, and whether dates count from 1904.
 * @throws DataError for a sheet without a name or part, or a name or part listed twice
 * @example
 * declaredSheets('<sheet name="Data" r:id="rId1"/>', new Map([["rId1", "worksheets/sheet1.xml"]]), "book.xlsx").declared // [{ name: "Data", path: "xl/worksheets/sheet1.xml" }]
 */
export function declaredSheets(workbook: string, targets: ReadonlyMap<string, string>, file: string): { declared: DeclaredSheet[]; date1904: boolean } {
  const declared: DeclaredSheet[] = [];
  const seenNames = new Set<string>();
  const seenPaths = new Set<string>();
  const where = partPlace("xl/workbook.xml");
  let date1904 = false;
  for (const t of xmlTokens(workbook, file)) {
    if (t.kind !== "open") continue;
    if (t.name === "workbookPr") date1904 = /^(1|true)$/.test(parseXmlAttributes(t.attrs, file).date1904 ?? "");
    if (t.name === "sheet") {
      const a = parseXmlAttributes(t.attrs, file);
      const target = targets.get(a["r:id"] ?? "");
      if (a.name === undefined || target === undefined) {
        throw new DataError({ file, ...where, value: a.name ?? "", expected: "a sheet with a name and a stored place (a damaged workbook: save it again from Excel or LibreOffice)" });
      }
      const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
      // a name or part listed twice would be read twice (a workbook of 100,000 <sheet>s naming one part would
      // re-read it 100,000 times); real workbooks never repeat either
      if (seenNames.has(a.name) || seenPaths.has(path)) {
        const twice = seenNames.has(a.name) ? `sheet "${a.name}" listed twice` : `sheet "${a.name}" stored in the place of sheet "${declared.find((d) => d.path === path)!.name}"`;
        throw new DataError({ file, ...where, value: twice, expected: "each sheet listed once, each in a place of its own (a damaged workbook: save it again from Excel or LibreOffice)" });
      }
      seenNames.add(a.name);
      seenPaths.add(path);
      declared.push({ name: a.name, path });
    }
  }
  return { declared, date1904 };
}

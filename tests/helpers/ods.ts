/**
 * Minimal OpenDocument spreadsheets for the importer tests: a zip with the mimetype and a content.xml.
 * `odsFromTables` takes raw `<table:table>` XML (for tests of repeated cells, floats and the like);
 * `odsFromSheets` builds string-cell sheets from rows of texts.
 */
import { strToU8, zipSync } from "fflate";

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

/** An .ods file whose spreadsheet body is `tables` (raw `<table:table>` XML). */
export function odsFromTables(tables: string): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8(content) });
}

/** An .ods file with one sheet per entry, every cell a string cell (texts are not XML-escaped). */
export function odsFromSheets(sheets: Record<string, string[][]>): Uint8Array {
  const cell = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
  return odsFromTables(
    Object.entries(sheets)
      .map(([name, rows]) => `<table:table table:name="${name}">${rows.map((r) => `<table:table-row>${r.map(cell).join("")}</table:table-row>`).join("")}</table:table>`)
      .join(""),
  );
}

/**
 * What one importer run gave, for differential tests of an importer against its previous code: its rows (and
 * whatever else it returns), the log it wrote and, when it threw, the error's message and its data errors'.
 */
import { DataErrors } from "../../lib/errors";
import { ImportLog } from "../../lib/data/import/import-log";

/** `f`'s result with the log it wrote, or what it threw with the log written until then. */
export function importOutcome<T extends object>(f: (log: ImportLog) => T): unknown {
  const log = new ImportLog();
  try {
    return { ...f(log), log: log.entries() };
  } catch (e) {
    return { error: (e as Error).message, errors: e instanceof DataErrors ? e.errors.map((x) => x.message) : [], log: log.entries() };
  }
}

/**
 * A folder's entries, walked, each told by its type alone: never opened, since opening a named pipe waits for a writer
 * for good and a link to /dev/zero reads for ever. A link is judged by what it points to: a link to a regular file is
 * a file, a link to a folder is not followed (it may lead out of the folder walked, or back into it: a link to its
 * parent looped until ELOOP). check-disclosure and `returns` had each written this walk, with the same rules.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** What an entry is: a regular file (or a link to one), a folder kept as an entry, or one that cannot be read as a file. */
export type EntryKind = "file" | "folder" | "link-to-folder" | "broken-link" | "fifo" | "device" | "socket" | "other";

/** One entry of {@link folderEntries}. */
export interface FolderEntry {
  path: string;
  kind: EntryKind;
  /** Whether the entry is a symbolic link (its kind is its target's). */
  link: boolean;
  /** Bytes of a file (its target's for a link); 0 for the other kinds. */
  size: number;
}

/** What to do with a folder met in the walk: walk into it, pass over it, or keep it as an entry (a folder named as a file). */
export type FolderChoice = "walk" | "skip" | "keep";

/**
 * Called for a folder that cannot be listed or an entry that cannot be told by its type (a system error: EACCES,
 * ENAMETOOLONG past 4,096 bytes of path), so that a walk goes on past it; without one the error is thrown.
 */
export type OnUnreadable = (path: string, error: NodeJS.ErrnoException) => void;

/**
 * The entries under `dir`, sorted by name within each folder, folders walked as `choose` says (links to folders never).
 * With `onUnreadable`, a folder or entry that raises a system error is handed to it and the walk goes on (check-disclosure
 * reports each as not scanned, where one locked folder had stopped the whole scan).
 * @example
 * folderEntries("returns", () => "walk").filter((e) => e.kind === "file").map((e) => e.path)
 */
export function folderEntries(dir: string, choose: (name: string, path: string) => FolderChoice, onUnreadable?: OnUnreadable): FolderEntry[] {
  const out: FolderEntry[] = [];
  const names = handled(() => fs.readdirSync(dir), dir, onUnreadable);
  if (names === undefined) return out;
  for (const name of names.sort()) {
    const p = path.join(dir, name);
    const entry = handled(() => entryAt(p), p, onUnreadable);
    if (entry === undefined) continue;
    if (entry.kind !== "folder") out.push(entry);
    else {
      const choice = choose(name, p);
      if (choice === "walk") out.push(...folderEntries(p, choose, onUnreadable));
      else if (choice === "keep") out.push(entry);
    }
  }
  return out;
}

/** `read()`, or undefined after handing its system error to `onUnreadable`; other errors, and any without a handler, are thrown. */
function handled<T>(read: () => T, p: string, onUnreadable: OnUnreadable | undefined): T | undefined {
  try {
    return read();
  } catch (e) {
    if (onUnreadable === undefined || !isSystemError(e)) throw e;
    onUnreadable(p, e);
    return undefined;
  }
}

/**
 * True for an error of the system (an `Error` with a string `code` such as "EACCES").
 * @example isSystemError(Object.assign(new Error("denied"), { code: "EACCES" })) // true
 */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string";
}

/**
 * One path told by its type ({@link EntryKind}), a link by its target's, without opening it.
 * @example entryAt("out/pipe.csv").kind // "fifo"
 */
export function entryAt(p: string): FolderEntry {
  const own = fs.lstatSync(p);
  const link = own.isSymbolicLink();
  const st = link ? targetStats(p) : own;
  if (st === undefined) return { path: p, kind: "broken-link", link, size: 0 };
  if (st.isDirectory()) return { path: p, kind: link ? "link-to-folder" : "folder", link, size: 0 };
  if (st.isFile()) return { path: p, kind: "file", link, size: st.size };
  const kind: EntryKind = st.isFIFO() ? "fifo" : st.isCharacterDevice() || st.isBlockDevice() ? "device" : st.isSocket() ? "socket" : "other";
  return { path: p, kind, link, size: 0 };
}

/** A link's target's stats; undefined when it points at nothing or round a loop (ELOOP). */
function targetStats(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

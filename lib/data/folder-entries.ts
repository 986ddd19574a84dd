/**
 * A folder's entries, walked, each told by its type alone: never opened, since opening a named pipe waits for a writer
 * for good and a link to /dev/zero reads for ever. A link is judged by what it points to: a link to a regular file is
 * a file, a link to a folder is not followed (it may lead out of the folder walked, or back into it: a link to its
 * parent looped until ELOOP). check-disclosure and `returns` had each written this walk, with the same rules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { append } from "./append";

/**
 * What an entry is: a regular file (or a link to one), a folder kept as an entry, or one that cannot be read as a file
 * (a link to nothing is "broken-link"; a link that leads back round to itself, ELOOP, is "link-loop").
 */
export type EntryKind = "file" | "folder" | "link-to-folder" | "broken-link" | "link-loop" | "fifo" | "device" | "socket" | "other";

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
      if (choice === "walk") append(out, folderEntries(p, choose, onUnreadable));
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
  if (st === "loop") return { path: p, kind: "link-loop", link, size: 0 };
  if (st === undefined) return { path: p, kind: "broken-link", link, size: 0 };
  if (st.isDirectory()) return { path: p, kind: link ? "link-to-folder" : "folder", link, size: 0 };
  if (st.isFile()) return { path: p, kind: "file", link, size: st.size };
  const kind: EntryKind = st.isFIFO() ? "fifo" : st.isCharacterDevice() || st.isBlockDevice() ? "device" : st.isSocket() ? "socket" : "other";
  return { path: p, kind, link, size: 0 };
}

/** A link's target's stats; "loop" when links lead round a loop (ELOOP), undefined when it points at nothing. */
function targetStats(p: string): fs.Stats | "loop" | undefined {
  try {
    return fs.statSync(p);
  } catch (e) {
    return isSystemError(e) && e.code === "ELOOP" ? "loop" : undefined;
  }
}

/**
 * An entry that is not a file to read, in words, a link by its target ("a symbolic link to a device"): the one
 * description check-disclosure, `returns`, `pilot` and `import` give (each had worded it its own way, and
 * check-disclosure called a link loop "a symbolic link to nothing"). A caller adds what it did ("not read").
 * @example describeEntry(entryAt("returns/E06000001/2024/episodes.csv")) // "a named pipe (FIFO)"
 */
export function describeEntry(entry: Pick<FolderEntry, "kind" | "link">): string {
  if (entry.kind === "broken-link") return "a broken symbolic link";
  if (entry.kind === "link-loop") return "a symbolic link loop (ELOOP: it leads back to itself)";
  if (entry.kind === "link-to-folder") return "a symbolic link to a folder (not followed: it could lead out of the folder, or back into it)";
  const words = KIND_WORDS[entry.kind];
  return entry.link ? `a symbolic link to ${words}` : words;
}

/** The words for each kind an entry (or a link's target) can be. */
const KIND_WORDS: Record<Exclude<EntryKind, "broken-link" | "link-loop" | "link-to-folder">, string> = {
  file: "a regular file",
  folder: "a folder",
  fifo: "a named pipe (FIFO)",
  device: "a device",
  socket: "a socket",
  other: "an entry that is not a regular file, folder, pipe, socket or device",
};

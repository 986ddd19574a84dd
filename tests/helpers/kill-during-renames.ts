/**
 * Child process for the atomic-write tests: writes a group of files into DIR with writeFilesAtomically and
 * SIGKILLs itself just before rename number KILL_AT (0 = the first rename the write makes), which puts the kill
 * at an exact point of the commit instead of a random one. FILES is the number of files in the group; each
 * gets the contents "new".
 */
import fs from "node:fs"; // the module object itself (a namespace import would be a copy), so the patch below reaches lib/
import { syncBuiltinESMExports } from "node:module";
import { writeFilesAtomically } from "../../lib/data/atomic-write";

const killAt = Number(process.env.KILL_AT);
const files = Number(process.env.FILES);
const realRename = fs.renameSync;
let renames = 0;
(fs as { renameSync: typeof fs.renameSync }).renameSync = (from, to) => {
  if (renames++ === killAt) process.kill(process.pid, "SIGKILL");
  realRename(from, to);
};
syncBuiltinESMExports();
writeFilesAtomically(process.env.DIR as string, Array.from({ length: files }, (_, i) => ({ name: `f${i}.txt`, contents: "new" })));

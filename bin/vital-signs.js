#!/usr/bin/env node
// The installed CLI runs the built library (npm ci runs `prepare`, which builds dist/).
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const built = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(built)) {
  process.stderr.write("vital-signs: dist/ is missing; run `npm run build` (npm ci does this for you)\n");
  process.exit(2);
}
// `vital-signs … | head -1`: the reader went away; stop quietly instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(0);
    throw err;
  });
}
// Exit once what was written has gone out: process.exit right away cut output to a pipe at 64 KiB (`validate --json |
// jq` got invalid JSON); a write's callback runs after every write queued before it.
const exitWhenWritten = (code) => process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
require(built).main(process.argv.slice(2)).then(
  exitWhenWritten,
  (err) => {
    process.stderr.write(`vital-signs: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

/**
 * `npm run bench:readme`: rewrite the speed table in README.md from bench/results.json (written by
 * `npm run bench -- --json`). Optional arguments: the results file and the README to rewrite.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderSpeedTable, replaceSpeedTable } from "./readme-table";
import { parseBenchResults } from "./results";

const resultsFile = process.argv[2] ?? path.join(__dirname, "results.json");
const readmeFile = process.argv[3] ?? path.join(__dirname, "..", "README.md");
const results = parseBenchResults(fs.readFileSync(resultsFile, "utf8"), resultsFile);
fs.writeFileSync(readmeFile, replaceSpeedTable(fs.readFileSync(readmeFile, "utf8"), renderSpeedTable(results)));
console.log(`bench:readme: ${results.length} rows from ${resultsFile} into ${readmeFile}`);

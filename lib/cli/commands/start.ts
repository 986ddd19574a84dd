import type { CliCommand } from "../command";
import { DEFAULT_DATASET } from "../paths";
import { printPackageSummary } from "./validate";

/** `npm start`: the main job on the embedded synthetic dataset. */
export const startCommand: CliCommand = {
  name: "start",
  summary: "The main job on the embedded synthetic dataset (validate, summarise)",
  usage: "vital-signs start",
  async run(_args, io) {
    return printPackageSummary(DEFAULT_DATASET, io);
  },
};

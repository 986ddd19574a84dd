/** Notebook display for the tslab kernel: charts, tables, Markdown and the reproducibility stamp. */
export * from "./renderer";
export * from "./show";
export * from "./indicator-slice";
export * from "./official-cache";

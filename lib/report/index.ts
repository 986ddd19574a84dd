/** Self-contained HTML reports: sections of text, tables and figures, and the reproducibility stamp. */
export * from "./html-escape";
export * from "./html-table";
export * from "./number-format";
export * from "./markdown";
export * from "./reproducibility";
export * from "./document";
export * from "./analysis-figures";
export * from "./selection-words";

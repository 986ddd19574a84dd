/** Self-contained HTML reports: sections of text, tables and figures, and the reproducibility stamp. */
export * from "./html-escape";
export * from "./html-table";
export * from "./number-format";
export * from "./markdown";
export * from "./reproducibility";
export * from "./document";
export * from "./analysis-figures";
export * from "./selection-words";
export * from "./plain-labels";
export * from "./analysis-summary";
export * from "./analysis-exports";
export * from "./report-figures";
export * from "./profile-summary";
export * from "./verdict-words";

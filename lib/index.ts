/**
 * Vital Signs Workbench — public API. A thin index that re-exports; see README.md for the workflow.
 * Layers (data flows one way): data → indicators/context → stats → vitals → plots/report.
 */
export * from "./errors";
export * from "./data/types";
export * from "./data/csv";
export * from "./data/schema";
export * from "./data/package";
export * from "./data/columns";
export * from "./data/completeness";

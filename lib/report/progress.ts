/**
 * The progress bar moved to lib/progress.ts, below every layer, so that lib/data and lib/vitals can report
 * progress without importing lib/report. Re-exported here so existing imports keep working.
 */
export { createProgress, PROGRESS_BAR_WIDTH, type Progress, type ProgressCallback, type ProgressStream } from "../progress";

/**
 * Reading the OpenDocument workbooks (Ofsted, revenue outturn: inflating and tokenising 70 MB of XML, about a
 * third of an official import) on a worker thread while the calling thread imports the CSVs. The worker
 * (./ods-prefetch-worker.ts) makes the same calls on a copy of the same bytes ({@link odsSheetNames}, then
 * the {@link readOdsSheets} call each importer makes); their results are recorded against the caller's
 * bytes ({@link primeOdsSheets}) before the caller makes those calls, so they return at once. Nothing else
 * changes: the importers, their order and their log and error entries are those of an import without the
 * worker, and a call that failed on the worker (or a worker that could not start) is simply made again on
 * the calling thread, failing there the same way. The threads share the workbooks: one the busy worker has
 * not started when the calling thread needs it is read by the calling thread ({@link OdsPrefetch.namesOrClaim}).
 */
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import type { DetectedSource, SourceKind } from "./detect";
import type { LaitReadAhead } from "./lait-read-ahead";
import { detectOfstedWorkbook, ofstedSheetsWanted } from "./ofsted-ods";
import { endOdsWorker, keepOdsWorker, odsWorthAWorker, takeOdsWorker } from "./ods-prefetch-thread";
import { FINANCE_MAPPINGS } from "./mappings";
import { revenueOutturnColumns, revenueOutturnSheet } from "./revenue-outturn-ods";
import { primeOdsSheets, type OdsColumnFilter, type SheetRows } from "./spreadsheet/ods";

export { ODS_PREFETCH_MIN_BYTES } from "./ods-prefetch-thread";

/** What the worker is sent first, as soon as the caller has read them: the workbooks. */
export interface OdsPrefetchData {
  /** The import this is for (a worker kept between imports tags what it posts with it). */
  run: number;
  files: { file: string; bytes: Uint8Array }[];
}

/** What the worker is sent second, once the caller has read and detected the other files: the LAIT files to read after the workbooks (none: undefined). */
export interface OdsPrefetchLait {
  run: number;
  /** The LAIT dictionaries and parquet files as detected, read by the worker as {@link readLaitAhead} would. */
  lait?: { detected: DetectedSource[]; files: { file: string; bytes: Uint8Array }[] };
}

/** The name under which the worker starts, or the caller claims, the LAIT files (no file's path: it begins with NUL). */
export const LAIT_CLAIM = "\u0000LAIT files";

/** What the worker is told later: a workbook (or {@link LAIT_CLAIM}) the caller reads itself, which the worker then skips if it has not started it. */
export interface OdsPrefetchClaim {
  run: number;
  claim: string;
}

/** What the worker posts, tagged with the run it is for: that it starts a workbook, its names, then its sheets (or that the call failed), then done. */
export type OdsPrefetchPost = OdsPrefetchMessage & { run: number };

/** What the worker posts about one workbook, the LAIT files or the end. */
export type OdsPrefetchMessage =
  | { kind: "started"; file: string }
  | { kind: "names"; file: string; names: string[] }
  | { kind: "names"; file: string; failed: true }
  | { kind: "sheets"; file: string; wanted: readonly string[]; columnsKey?: string; sheets: SheetRows[] }
  | { kind: "sheets"; file: string; failed: true }
  | { kind: "lait"; ahead: LaitReadAhead }
  | { kind: "lait"; failed: true }
  | { kind: "done" };

/**
 * The sheets an importer reads from a workbook of this kind: revenue outturn its RO3/RSX data sheet
 * (readRevenueOutturn), Ofsted its SIF or ILACS history sheet and the ILACS cover ({@link ofstedSheetsWanted}); none otherwise.
 * @example
 * odsSheetsWanted("revenue-outturn-ods", ["Notes", "RO3_LA_Data_202425"]) // ["RO3_LA_Data_202425"]
 */
export function odsSheetsWanted(kind: SourceKind, names: readonly string[]): string[] {
  if (kind === "revenue-outturn-ods") {
    const found = revenueOutturnSheet(names);
    return found === undefined ? [] : [found.sheet];
  }
  if (kind === "ofsted-ods") {
    return ofstedSheetsWanted(names);
  }
  return [];
}

/**
 * The columns an importer reads from the sheets {@link odsSheetsWanted} names (undefined: all): revenue outturn
 * those of {@link revenueOutturnColumns} for the import's {@link FINANCE_MAPPINGS} of its return.
 * @example
 * odsColumnsWanted("revenue-outturn-ods", ["RO3_LA_Data_202425"])?.key // "revenue outturn\u0000TOTAL CHILDREN …"
 */
export function odsColumnsWanted(kind: SourceKind, names: readonly string[]): OdsColumnFilter | undefined {
  const found = kind === "revenue-outturn-ods" ? revenueOutturnSheet(names) : undefined;
  return found === undefined ? undefined : revenueOutturnColumns(FINANCE_MAPPINGS.filter((m) => m.workbook === found.workbook));
}

/**
 * The kind {@link detectSource} (./detect.ts) gives a workbook with these sheet names: Ofsted first, then
 * revenue outturn, else unknown. The worker uses it instead of loading detect.ts and every importer with it;
 * were the two ever to differ, the worker's sheets would simply not be the ones asked for, and be read again.
 * @example
 * odsKindOf(["Front_Page", "RO3_LA_Data_202425"]) // "revenue-outturn-ods"
 */
export function odsKindOf(names: readonly string[]): SourceKind {
  if (detectOfstedWorkbook(names) !== undefined) return "ofsted-ods";
  if (revenueOutturnSheet(names) !== undefined) return "revenue-outturn-ods";
  return "unknown";
}

/**
 * The bytes of a source as the worker is given them: the caller's own when they are in shared memory (read so
 * by ./source-files.ts; neither thread changes them), else a copy that is the worker's alone.
 */
function forWorker(bytes: Uint8Array): Uint8Array {
  return bytes.buffer instanceof SharedArrayBuffer ? bytes : new Uint8Array(bytes);
}

/** The copies among `files` (not shared memory): moved to the worker (transferred), not copied a second time by postMessage. */
function transferable(files: readonly { bytes: Uint8Array }[]): ArrayBuffer[] {
  return files.flatMap((f) => (f.bytes.buffer instanceof SharedArrayBuffer ? [] : [f.bytes.buffer as ArrayBuffer]));
}

/** Imports started in this process (each tags what it sends its worker, which tags its posts alike). */
let runs = 0;

const isOdsFile = (file: string) => path.extname(file).toLowerCase() === ".ods";

/** The worker reading the workbooks; `names`/`sheets` resolve once a file's result is recorded (or failed). */
export class OdsPrefetch {
  private readonly waiting = new Map<string, () => void>();
  private readonly arrived = new Set<string>();
  /** `names:FILE` / `sheets:FILE` for each result of the worker recorded against the caller's bytes. */
  readonly primed = new Set<string>();
  private constructor(
    private worker: Worker | undefined,
    /** The worker's thread, kept for the next import when it has posted everything (else terminated). */
    private readonly thread?: Worker,
    private readonly run = 0,
  ) {}

  /** Whether the worker has posted that it is done, and whether it failed or exited. */
  private allPosted = false;
  private stopped = false;
  /** Removes this run's listeners from the worker. */
  private detach = () => undefined as void;

  /** The caller's bytes of each workbook sent to the worker (results are recorded against them). */
  private byFile = new Map<string, Uint8Array>();

  /**
   * Start the worker (it then waits for {@link send}) when `use` is true, or when it is undefined and the .ods
   * files among `files` total at least {@link ODS_PREFETCH_MIN_BYTES}: started before the files are read, its
   * start-up overlaps the reading.
   * @example
   * const prefetch = OdsPrefetch.start(files); prefetch.send(bytes); await prefetch.names("a.ods"); …; prefetch.close();
   */
  static start(files: readonly string[], use?: boolean): OdsPrefetch {
    const ods = files.filter(isOdsFile);
    if (ods.length === 0 || use === false || (use === undefined && !odsWorthAWorker(ods))) return new OdsPrefetch(undefined);
    const worker = takeOdsWorker();
    if (worker === undefined) return new OdsPrefetch(undefined);
    const prefetch = new OdsPrefetch(worker, worker, ++runs);
    const onMessage = (m: OdsPrefetchPost) => {
      if (m.run === prefetch.run) prefetch.receive(m); // a kept worker's posts for an earlier run are not this run's
    };
    const onStop = () => {
      prefetch.stopped = true;
      prefetch.finish();
    };
    worker.on("message", onMessage).on("error", onStop).on("exit", onStop);
    prefetch.detach = () => void worker.off("message", onMessage).off("error", onStop).off("exit", onStop);
    return prefetch;
  }

  /**
   * Give the worker a copy of the .ods files among `bytes` (the files as read by the caller), and of the LAIT
   * files among `lait` (detected by the caller), which it reads after the workbooks unless the caller has
   * claimed them by then ({@link laitAhead}): {@link sendWorkbooks} then {@link sendLait}.
   */
  send(bytes: ReadonlyMap<string, Uint8Array>, lait: readonly DetectedSource[] = []): void {
    this.sendWorkbooks(bytes);
    this.sendLait(bytes, lait);
  }

  /**
   * Give the worker a copy of the .ods files among `bytes`, which it starts reading at once; it then waits for
   * {@link sendLait} (which must follow, or the worker never finishes and is terminated at {@link close}).
   * @example
   * prefetch.sendWorkbooks(workbooks); const others = readTheRest(); prefetch.sendLait(all, laitDetected);
   */
  sendWorkbooks(bytes: ReadonlyMap<string, Uint8Array>): void {
    this.byFile = new Map([...bytes].filter(([f]) => isOdsFile(f)));
    if (this.worker === undefined) return;
    const data: OdsPrefetchData = { run: this.run, files: [...this.byFile].map(([file, b]) => ({ file, bytes: forWorker(b) })) };
    this.worker.postMessage(data, transferable(data.files));
  }

  /** Give the worker a copy of the LAIT files among `lait` (detected by the caller; bytes from `bytes`), to read after the workbooks. */
  sendLait(bytes: ReadonlyMap<string, Uint8Array>, lait: readonly DetectedSource[] = []): void {
    if (this.worker === undefined) return;
    const laitFiles = [...new Set(lait.map((d) => d.file))].map((file) => ({ file, bytes: forWorker(bytes.get(file) as Uint8Array) }));
    if (laitFiles.length > 0) this.laitWanted = true;
    const message: OdsPrefetchLait = { run: this.run, ...(laitFiles.length > 0 ? { lait: { detected: [...lait], files: laitFiles } } : {}) };
    this.worker.postMessage(message, transferable(laitFiles));
  }

  private laitWanted = false;
  private laitResult: LaitReadAhead | undefined;
  private laitArrived = false;
  /** Every caller waiting for the worker's LAIT read (each is answered once it arrives). */
  private readonly laitWaiting: ((ahead: LaitReadAhead | undefined) => void)[] = [];

  /**
   * The LAIT files {@link send} gave the worker, as it read them ({@link readLaitAhead}'s result), when it
   * has started them; else they are claimed (the worker then skips them) and this gives undefined, as it
   * does when the worker was given none, could not read them all, or stopped: the caller then reads them
   * itself (and fails there, with its own errors, where reading fails). So the threads share the work:
   * the LAIT files go to whichever thread is free first.
   * @example
   * const ahead = (await prefetch.laitAhead()) ?? (await readLaitAhead(detected, bytes));
   */
  async laitAhead(): Promise<LaitReadAhead | undefined> {
    if (!this.laitWanted || this.laitArrived) return this.laitResult;
    await new Promise<void>((resolve) => setImmediate(resolve)); // the worker's messages so far are received
    if (this.worker !== undefined && !this.laitArrived && !this.started.has(LAIT_CLAIM)) {
      this.worker.postMessage({ run: this.run, claim: LAIT_CLAIM } satisfies OdsPrefetchClaim);
      this.laitArrive(undefined);
    }
    if (this.laitArrived) return this.laitResult;
    return new Promise((resolve) => this.laitWaiting.push(resolve));
  }

  /**
   * Whether the LAIT files {@link send} gave the worker are still unread and unstarted by it (the worker's
   * messages so far received): {@link laitAhead} would then claim them for the caller rather than wait.
   * @example
   * if (!prefetch.sheetsArrived(file) && (await prefetch.laitUnstarted())) await laitReadAhead(); // instead of idling
   */
  async laitUnstarted(): Promise<boolean> {
    if (!this.laitWanted || this.laitArrived) return false;
    await new Promise<void>((resolve) => setImmediate(resolve)); // the worker's messages so far are received
    return this.worker !== undefined && !this.laitArrived && !this.started.has(LAIT_CLAIM);
  }

  /**
   * Whether the worker is reading the LAIT files now (started, not yet posted; its messages so far received):
   * {@link laitAhead} would then wait for it.
   * @example
   * while (prefetch.laitInProgress()) doOtherWork();
   */
  laitInProgress(): boolean {
    return this.worker !== undefined && this.laitWanted && !this.laitArrived && this.started.has(LAIT_CLAIM);
  }

  private laitArrive(ahead: LaitReadAhead | undefined): void {
    if (this.laitArrived) return;
    this.laitArrived = true;
    this.laitResult = ahead;
    for (const resolve of this.laitWaiting.splice(0)) resolve(ahead);
  }

  private readonly namesOf = new Map<string, string[]>();
  /** Workbooks the worker has started (in its order). */
  private readonly started = new Set<string>();
  /** Workbooks the caller reads itself (whatever the worker then posts about them is ignored). */
  private readonly claimed = new Set<string>();

  private receive(m: OdsPrefetchMessage): void {
    if (m.kind === "done") {
      this.allPosted = true;
      this.thread?.unref(); // nothing more to come: it keeps the process alive no longer (as it ended before it was kept)
      return this.finish();
    }
    if (m.kind === "lait") return this.laitArrive("failed" in m ? undefined : m.ahead);
    if (m.kind === "started") {
      this.started.add(m.file);
      return;
    }
    if (this.claimed.has(m.file)) return;
    const b = this.byFile.get(m.file);
    if (b !== undefined && !("failed" in m)) {
      if (m.kind === "names") this.namesOf.set(m.file, m.names);
      const names = this.namesOf.get(m.file);
      if (names !== undefined) {
        primeOdsSheets(b, names, m.kind === "sheets" ? { wanted: m.wanted, columnsKey: m.columnsKey, sheets: m.sheets } : undefined);
        this.primed.add(`${m.kind}:${m.file}`);
      }
    }
    this.arrive(`${m.kind}:${m.file}`);
  }

  /** Resolves once the worker has read (or failed to read) `file`'s sheet names. */
  names(file: string): Promise<void> {
    return this.wait(`names:${file}`);
  }

  /**
   * Like {@link names}, but when the worker is busy with another workbook and has not started `file`, the
   * caller reads `file` itself (names and sheets: both then resolve at once, and the worker skips it), so
   * the two threads share the workbooks instead of the caller waiting for the worker to reach it.
   * @example
   * await prefetch.namesOrClaim("b.ods"); odsSheetNames(bytes, "b.ods") // read here if the worker was busy with a.ods
   */
  async namesOrClaim(file: string): Promise<void> {
    if (this.worker === undefined) return;
    await new Promise<void>((resolve) => setImmediate(resolve)); // the worker's messages so far are received
    const busyElsewhere = this.started.size > 0 && !this.started.has(file);
    if (this.worker !== undefined && busyElsewhere && !this.arrived.has(`names:${file}`)) {
      this.claimed.add(file);
      this.worker.postMessage({ run: this.run, claim: file } satisfies OdsPrefetchClaim);
      this.arrive(`names:${file}`);
      this.arrive(`sheets:${file}`);
      return;
    }
    return this.wait(`names:${file}`);
  }

  /** Whether {@link sheets} would resolve at once: the worker has posted `file`'s sheets (or failed, or stopped). */
  sheetsArrived(file: string): boolean {
    return this.worker === undefined || this.arrived.has(`sheets:${file}`);
  }

  /** Resolves once the worker has read (or failed to read) the sheets `file`'s importer asks for. */
  sheets(file: string): Promise<void> {
    return this.wait(`sheets:${file}`);
  }

  /**
   * Resolves once the worker has posted everything it was given to read (or stopped).
   * @example
   * prefetch.send(bytes, lait); await prefetch.done(); await prefetch.laitAhead() // the worker's, unless it failed
   */
  done(): Promise<void> {
    return this.wait("done:");
  }

  /**
   * Resolves once the worker has posted everything, after telling it to skip whatever it has not started (the
   * caller reads, or has read, those itself): at the end of an import that got all it needed from the worker,
   * this is one message away, and lets {@link close} keep the worker for the next import.
   * @example
   * const result = await importSources(…); await prefetch.settle(); prefetch.close(); // the worker kept
   */
  async settle(): Promise<void> {
    if (this.worker === undefined) return;
    const unstarted = [...this.byFile.keys(), ...(this.laitWanted ? [LAIT_CLAIM] : [])].filter((f) => !this.started.has(f));
    for (const claim of unstarted) {
      this.claimed.add(claim);
      this.worker.postMessage({ run: this.run, claim } satisfies OdsPrefetchClaim);
    }
    await this.done();
  }

  /**
   * Stop using the worker (what it has not posted yet is read on the calling thread): kept for the next import
   * when it has posted everything (./ods-prefetch-thread.ts) and `keep` is true, else terminated.
   * @param keep - false after an import that failed: its worker is terminated whether or not it was done
   */
  close(keep = true): void {
    this.detach();
    if (this.thread !== undefined && !this.stopped) {
      if (this.allPosted && keep) keepOdsWorker(this.thread);
      else void endOdsWorker(this.thread);
    }
    this.stopped = true;
    this.finish();
  }

  private wait(key: string): Promise<void> {
    if (this.worker === undefined || this.arrived.has(key)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }

  private arrive(key: string): void {
    this.arrived.add(key);
    this.waiting.get(key)?.();
    this.waiting.delete(key);
  }

  private finish(): void {
    this.worker = undefined;
    this.laitArrive(undefined);
    for (const resolve of this.waiting.values()) resolve();
    this.waiting.clear();
  }
}

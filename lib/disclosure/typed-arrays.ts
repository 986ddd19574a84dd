/**
 * Plotly's typed-array specs decoded, for the disclosure scanner's figures. plotly.py 6 (plotly/plotly.py PR #4470)
 * writes every numeric numpy or pandas array of a figure as `{"dtype": "i1", "bdata": "A1A=", "shape": "2, 2"}`: the
 * array's bytes, little-endian, in base64, with its shape when it has two dimensions. A hostile review (round 23, D0)
 * found nothing read them: `px.bar(df, y="children")` with a 3 in it, made with current plotly, passed with 0 findings
 * in HTML and in notebooks, and heatmaps too. Decoded here into plain arrays before the figure rules run; a spec that
 * cannot be decoded (bad base64, an unknown dtype, a shape that does not fit its bytes) is reported, never skipped.
 */

/** plotly.js's typed-array dtypes: bytes per value and how each is read (little-endian). */
const DTYPES: Readonly<Record<string, { size: number; read: (view: DataView, offset: number) => number }>> = {
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  i2: { size: 2, read: (v, o) => v.getInt16(o, true) },
  u2: { size: 2, read: (v, o) => v.getUint16(o, true) },
  i4: { size: 4, read: (v, o) => v.getInt32(o, true) },
  u4: { size: 4, read: (v, o) => v.getUint32(o, true) },
  f4: { size: 4, read: (v, o) => v.getFloat32(o, true) },
  f8: { size: 8, read: (v, o) => v.getFloat64(o, true) },
};

/**
 * Values decoded from typed-array specs per file at most, as a heatmap's grid is read up to MAX_GRID_CELLS
 * (./figure-tables.ts): 24 MiB of base64 `i1` holds 18 million values, each a row of the table the rules read. The
 * values beyond are reported as not scanned.
 */
export const MAX_TYPED_VALUES = 1_000_000;

/** Objects nested in a trace searched for specs (`marker.color`, `error_y.array`); deeper ones are left as they are. */
const MAX_TRACE_DEPTH = 8;

/** A spec not decoded, or decoded in part. */
export interface TypedArrayProblem {
  /** The trace's index in the figure's data. */
  trace: number;
  /** Where in the trace: "y", "marker.color", "z". */
  field: string;
  message: string;
}

/** Values left to decode in this file: shared by every figure of one file. */
export interface TypedArrayBudget {
  left: number;
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** True for `{dtype, bdata}`: a spec, decodable or not. */
function isSpec(v: unknown): v is { dtype: unknown; bdata: unknown; shape?: unknown } {
  return v !== null && typeof v === "object" && !Array.isArray(v) && "bdata" in v && "dtype" in v;
}

/** A spec's shape as dimensions: "2, 2" → [2, 2]; undefined when absent; null when not a shape. */
function shapeOf(shape: unknown): number[] | undefined | null {
  if (shape === undefined || shape === null) return undefined;
  const parts = typeof shape === "string" ? shape.split(",").map((s) => s.trim()) : typeof shape === "number" ? [String(shape)] : Array.isArray(shape) ? shape.map(String) : null;
  if (parts === null || parts.length === 0 || parts.length > 2 || !parts.every((p) => /^\d{1,9}$/.test(p))) return null;
  return parts.map(Number);
}

/** One spec as a plain array (rows of a 2-D shape), or the reason it cannot be. `budget` is spent by the values decoded. */
function decodeSpec(spec: { dtype: unknown; bdata: unknown; shape?: unknown }, budget: TypedArrayBudget): { value?: unknown[]; problem?: string } {
  const dtype = DTYPES[String(spec.dtype)];
  if (dtype === undefined) return { problem: `a typed array of dtype "${String(spec.dtype).slice(0, 20)}", not one plotly.js reads (i1, u1, i2, u2, i4, u4, f4, f8)` };
  const text = typeof spec.bdata === "string" ? spec.bdata.replace(/\s+/g, "") : undefined;
  if (text === undefined || text.length % 4 !== 0 || !BASE64_RE.test(text)) return { problem: "a typed array whose bdata is not base64" };
  const shape = shapeOf(spec.shape);
  const bytes = Buffer.from(text, "base64");
  const count = bytes.length / dtype.size;
  if (!Number.isInteger(count)) return { problem: `a typed array of ${bytes.length} bytes, not a whole number of ${spec.dtype} values (${dtype.size} bytes each)` };
  if (shape === null || (shape !== undefined && shape.reduce((a, b) => a * b, 1) !== count)) return { problem: `a typed array of ${count} values whose shape "${String(spec.shape).slice(0, 30)}" does not fit them` };
  const columns = shape !== undefined && shape.length === 2 ? shape[1] : count;
  // whole rows within the budget (a grid is read row by row); at least nothing when a row alone is over it
  const read = columns === 0 ? count : Math.min(count, Math.floor(budget.left / columns) * columns);
  budget.left -= read;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Array<number>(read);
  for (let k = 0; k < read; k++) values[k] = dtype.read(view, k * dtype.size);
  const value = shape !== undefined && shape.length === 2 ? Array.from({ length: read / Math.max(columns, 1) }, (_, r) => values.slice(r * columns, (r + 1) * columns)) : values;
  const problem = read < count ? `a typed array of ${count.toLocaleString("en-GB")} values: ${read.toLocaleString("en-GB")} were checked, the other ${(count - read).toLocaleString("en-GB")} not (at most ${MAX_TYPED_VALUES.toLocaleString("en-GB")} values are decoded per file)` : undefined;
  return { value, problem };
}

/** A trace's value with its specs decoded; the same object when it holds none (inputs are never changed). */
function decodeIn(v: unknown, field: string, depth: number, out: { trace: number; problems: TypedArrayProblem[]; budget: TypedArrayBudget }): unknown {
  if (v === null || typeof v !== "object" || depth > MAX_TRACE_DEPTH) return v;
  if (isSpec(v)) {
    const { value, problem } = decodeSpec(v, out.budget);
    if (problem !== undefined) out.problems.push({ trace: out.trace, field, message: problem });
    return value; // undefined when not decoded: the field is then no array, and no rule reads it
  }
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    for (let k = 0; k < v.length; k++) {
      const e = v[k];
      if (e === null || typeof e !== "object") continue; // a plain array of numbers: nothing to decode
      const d = decodeIn(e, `${field}[${k}]`, depth + 1, out);
      if (d !== e) (copy ??= v.slice())[k] = d;
    }
    return copy ?? v;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
    const d = decodeIn(e, field === "" ? k : `${field}.${k}`, depth + 1, out);
    if (d !== e) (copy ??= { ...(v as Record<string, unknown>) })[k] = d;
  }
  return copy ?? v;
}

/**
 * A plotly figure with every typed-array spec in its traces decoded into a plain array (a 2-D `shape` into rows), and
 * the specs that could not be decoded, or only in part, each with its trace and field. The figure given is not changed;
 * anything that is not a figure comes back as it is.
 * @example
 * decodeTypedArrays({ data: [{ y: { dtype: "i1", bdata: "A1A=" } }] }, { left: 100 }).figure // { data: [{ y: [3, 80] }] }
 */
export function decodeTypedArrays(figure: unknown, budget: TypedArrayBudget): { figure: unknown; problems: TypedArrayProblem[] } {
  const problems: TypedArrayProblem[] = [];
  if (figure === null || typeof figure !== "object" || !Array.isArray((figure as { data?: unknown }).data)) return { figure, problems };
  const data = (figure as { data: unknown[] }).data;
  let copy: unknown[] | undefined;
  data.forEach((trace, t) => {
    const d = decodeIn(trace, "", 0, { trace: t, problems, budget });
    if (d !== trace) (copy ??= data.slice())[t] = d;
  });
  return { figure: copy ? { ...(figure as object), data: copy } : figure, problems };
}

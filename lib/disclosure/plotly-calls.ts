/**
 * The plotly figures a script draws, for the disclosure scanner: objects written as JSON that open with a "data" key
 * (the workbench's own `var spec = {"data": …}`), and the arguments of every `Plotly.newPlot`, `Plotly.react` and
 * `Plotly.plot` call — traces and layout written in the call as JSON or JavaScript literals (./js-literal.ts), the
 * one-object form `{data: […], layout: {…}}`, `JSON.parse('…')`, or a variable of the same script assigned one of them
 * before the call (`var data = […]`, `fig.data`, `window.DATA`), whatever the first argument
 * (`document.getElementById('f')`). A hostile review (round 23, D3) drew each of these with a 3 among 80 children and
 * every one was skipped without a word. `Plotly.addFrames(el, frames)` is read as the frames of the figure drawn before it
 * (an animation's later years had been read only when a frame's "data" came before its "name": round 23, L7). So the scanner fails closed: a call whose data cannot be read as data (a
 * variable as a trace's values, a spread, `data.push(…)` before the call, a function's result, a page cut off inside the
 * call) is listed in `unreadCalls`, and reported as not scanned.
 */
import { parseJsLiteral, parseJsLiteralAt } from "./js-literal";
import { countBelow } from "./scan-collector";

/**
 * Candidates that are not figures (not JSON, or never closed) tried in one script before the rest is left unread: each
 * try reads up to the script's end, so a hostile script of nested or unclosed `{"data":[` took quadratic time (72 KB of
 * them: 2.5 s CPU); a bound keeps it linear, and the scanner reports the unread rest (fail closed).
 */
export const MAX_FIGURE_CANDIDATES_FAILED = 16;

/** Characters of a call's first argument (the element drawn into, `document.getElementById('f')`) read at most. */
const MAX_FIRST_ARGUMENT = 2000;

/** The figures of one script. */
export interface ScriptFigures {
  figures: unknown[];
  /** True when more than MAX_FIGURE_CANDIDATES_FAILED texts opening like figure data were never closed or not data, and the rest was not read. */
  unread: boolean;
  /** Where each Plotly call whose figure could not be read starts (an index into the script). */
  unreadCalls: number[];
  /**
   * Where each text opening like figure data (`{"data": [`) that is never closed starts: a page cut off inside the
   * workbench's own `var spec = {"data": …` had been read as nothing (a review, round 23, L8).
   */
  unclosedFigures: number[];
}

/**
 * The plotly figures written into a script (see the file's comment), and the Plotly calls whose data could not be read.
 * @example
 * figuresInScript('var spec = {"data":[{"x":[1]}],"layout":{}};').figures.length // 1
 * figuresInScript("Plotly.newPlot('f', [{x: ['A'], y: counts}]);").unreadCalls // [0]
 */
export function figuresInScript(script: string): ScriptFigures {
  const figures: unknown[] = [];
  const starts: number[] = []; // where each figure read as JSON starts
  const unclosedFigures: number[] = [];
  const opening = /\{\s*"data"\s*:\s*\[/g;
  let failed = 0;
  for (let m = opening.exec(script); m !== null; m = opening.exec(script)) {
    const end = matchingBrace(script, m.index);
    const figure = end < 0 ? undefined : tryParse(script.slice(m.index, end + 1));
    if (end < 0) unclosedFigures.push(m.index);
    if (figure !== undefined) {
      figures.push(figure);
      starts.push(m.index);
      opening.lastIndex = end + 1;
    } else if (++failed > MAX_FIGURE_CANDIDATES_FAILED) return { figures, unread: true, unreadCalls: [], unclosedFigures: [] }; // reported as one
  }
  const calls = plotlyCallFigures(script, figures, starts);
  return { figures: withoutFramesReadTwice(figures, starts, calls.framesRead), unread: calls.unread, unreadCalls: calls.unreadCalls, unclosedFigures };
}

/**
 * The figures but those read as JSON inside the frames of a `Plotly.addFrames` call read whole (plotly.py writes each
 * frame `{"data": […], "name": …}`, which reads as figure data too): each frame is read once, with its figure's layout.
 * Both lists are in order of position, so one pass.
 */
function withoutFramesReadTwice(figures: unknown[], starts: readonly number[], framesRead: readonly { at: number; end: number }[]): unknown[] {
  if (framesRead.length === 0) return figures;
  let r = 0;
  return figures.filter((_, k) => {
    if (k >= starts.length) return true; // read from a call
    while (r < framesRead.length && framesRead[r].end <= starts[k]) r++;
    return !(r < framesRead.length && framesRead[r].at <= starts[k]);
  });
}

/** A Plotly drawing call: plotly.js 2's newPlot and react, 1.x's plot; and addFrames, an animation's frames. */
const CALL_RE = /Plotly\.(newPlot|react|plot|addFrames)\s*\(/g;

/**
 * Figures drawn by the script's Plotly calls, added to `figures` unless already read as JSON (`starts`: where each
 * starts, ascending). An `addFrames` call's frames are added as a figure of no traces whose `frames` they are, with
 * the layout of the figure drawn before it. The calls whose data could not be read are returned, and where each
 * addFrames call read starts and ends; `unread` when reading stopped early.
 */
function plotlyCallFigures(script: string, figures: unknown[], starts: readonly number[]): { unread: boolean; unreadCalls: number[]; framesRead: { at: number; end: number }[] } {
  const values = new ScriptValues(script);
  const unreadCalls: number[] = [];
  const framesRead: { at: number; end: number }[] = [];
  let layout: unknown = {};
  CALL_RE.lastIndex = 0;
  for (let m = CALL_RE.exec(script); m !== null; m = CALL_RE.exec(script)) {
    const frames = m[1] === "addFrames";
    const call = frames ? values.framesCall(m.index + m[0].length, m.index, layout) : values.callFigure(m.index + m[0].length, m.index);
    if (values.failed > MAX_FIGURE_CANDIDATES_FAILED) return { unread: true, unreadCalls, framesRead };
    if (call.figure === undefined) unreadCalls.push(m.index);
    else if (call.at === undefined || frames || !isReadAt(starts, call.at)) figures.push(call.figure); // one by one: a spread of 400,000 figures overflowed the stack
    if (call.figure !== undefined && frames && call.at !== undefined) framesRead.push({ at: call.at, end: call.end });
    if (call.figure !== undefined && !frames) layout = call.figure.layout;
    CALL_RE.lastIndex = Math.max(call.end, m.index + m[0].length);
  }
  return { unread: false, unreadCalls, framesRead };
}

/** True when a figure read as JSON starts at `at` (`starts` ascending). */
function isReadAt(starts: readonly number[], at: number): boolean {
  const k = countBelow(starts, at);
  return k < starts.length && starts[k] === at;
}

/** `[trace1, trace2]`: an array of variables. */
const VARIABLE_LIST_RE = /^\[\s*[A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*\s*,?\s*\]/;
/** Shorthand objects of shorthand objects followed at most (`const a2 = {a1}`, …: a hostile chain must not overflow the stack). */
const MAX_SHORTHAND_DEPTH = 8;
/** An object of shorthand properties: `{data, layout}`. */
const SHORTHAND_RE = /^\{\s*[A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*\s*,?\s*\}/;
/** A variable and its properties (`fig.data`, `window.DATA`: a global is a variable). */
const NAME_CHAIN_RE = /^(?:(?:window|globalThis|self)\s*\.\s*)?([A-Za-z_$][\w$]*)((?:\s*\.\s*[A-Za-z_$][\w$]*)*)/;
/** An assignment of an array or object (`var data = [`, `layout = {`, `window.DATA = [`). */
const ASSIGNMENT_RE = /(?<![\w$.])(?:(?:window|globalThis|self)\.)?([A-Za-z_$][\w$]*)\s*=(?![=>])\s*(?=[[{])/g;
/** A change to a variable's array or object after it is assigned: `data.push(`, `fig.data[0].y = `, `layout.title = `. */
const MUTATION_RE = /(?<![\w$.])([A-Za-z_$][\w$]*)(?:(?:\s*\.\s*[A-Za-z_$][\w$]*|\[[^\]\n]{0,200}\])+\s*=(?![=>])|(?:\s*\.\s*[A-Za-z_$][\w$]*|\[[^\]\n]{0,200}\])*\s*\.\s*(?:push|unshift|splice)\s*\()/g;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A value read from the script, where its text ends, and where the object it was taken from starts (a variable's value or a literal). */
interface ScriptValue {
  value: unknown;
  end: number;
  at?: number;
}

/**
 * Values of a script's expressions as data: literals (JSON or JavaScript), `JSON.parse('…')`, variables assigned a
 * literal before (not changed in between) and their properties. Each literal is parsed once, the script's assignments
 * and changes are found in one pass each when a call first names a variable, and `failed` counts literals never closed
 * (each read up to the script's end: the caller stops after a few, so a hostile script stays linear).
 */
class ScriptValues {
  failed = 0;
  private shorthandDepth = 0;
  private assignments?: Map<string, number[]>;
  private mutations?: Map<string, number[]>;
  private readonly parsed = new Map<number, { value: unknown; end: number }>();
  constructor(private readonly script: string) {}

  /** The figure of a call whose arguments start at `i` (the call at `callAt`), or none when its data cannot be read. */
  callFigure(i: number, callAt: number): { figure?: { data: unknown[]; layout: unknown }; end: number; at?: number } {
    const script = this.script;
    const first = skipFirstArgument(script, i);
    if (first < 0 || script[first] !== ",") return { end: i };
    const given = this.expression(skipSpace(script, first + 1), callAt);
    if (isObject(given.value) && Array.isArray(given.value.data)) {
      const layout = given.value.layout ?? {};
      return readable(given.value.data, layout) ? { figure: { data: given.value.data, layout }, end: given.end, at: given.at } : { end: given.end };
    }
    if (!Array.isArray(given.value)) return { end: given.end };
    const next = skipSpace(script, given.end);
    let layout: unknown = {};
    let end = given.end;
    if (script[next] === ",") {
      const second = this.expression(skipSpace(script, next + 1), callAt);
      layout = second.value === null ? {} : second.value; // Plotly.newPlot(el, data, null)
      end = second.end;
    } else if (script[next] !== ")") return { end };
    return readable(given.value, layout) ? { figure: { data: given.value, layout }, end, at: given.at } : { end };
  }

  /**
   * The frames of a `Plotly.addFrames(el, frames)` call whose arguments start at `i`, as a figure of no traces with
   * `layout`, or none when they cannot be read (a frame not an object, or its traces not objects).
   */
  framesCall(i: number, callAt: number, layout: unknown): { figure?: { data: unknown[]; layout: unknown; frames: unknown[] }; end: number; at?: number } {
    const first = skipFirstArgument(this.script, i);
    if (first < 0 || this.script[first] !== ",") return { end: i };
    const given = this.expression(skipSpace(this.script, first + 1), callAt);
    const frames = given.value;
    const readableFrame = (f: unknown) => isObject(f) && (f.data === undefined || (Array.isArray(f.data) && readable(f.data, f.layout ?? {})));
    if (!Array.isArray(frames) || !frames.every(readableFrame)) return { end: given.end };
    return { figure: { data: [], layout, frames }, end: given.end, at: given.at };
  }

  /** The value of the expression at `i`, in a call at `before` (see the class's comment); undefined when it is not data. */
  expression(i: number, before: number): ScriptValue {
    const script = this.script;
    const ch = script.charCodeAt(i);
    if (ch === 91 /* [ */ || ch === 123 /* { */) {
      const list = ch === 91 ? VARIABLE_LIST_RE.exec(script.slice(i, i + 2000)) : null;
      if (list) {
        const names = list[0].slice(1, -1).split(",").map((v) => v.trim()).filter((v) => v !== "");
        return { value: names.map((n) => this.variable(n, before).value), end: i + list[0].length };
      }
      const { value, end } = this.literalAt(i);
      return { value: value ?? this.shorthand(i, before), end: end < 0 ? i : end + 1, at: i };
    }
    const head = script.slice(i, i + 200);
    if (/^JSON\s*\.\s*parse\s*\(/.test(head)) return this.jsonParse(i + head.indexOf("(") + 1);
    const chain = NAME_CHAIN_RE.exec(head);
    if (!chain) return { value: undefined, end: i };
    const end = i + chain[0].length;
    if (chain[1] === "null" || chain[1] === "undefined") return { value: null, end };
    if (/^\s*[([]/.test(script.slice(end, end + 20))) return { value: undefined, end }; // a call or an index: not data
    const named = this.variable(chain[1], before);
    let value = named.value;
    for (const prop of chain[2].split(".").map((p) => p.trim()).filter((p) => p !== "")) value = isObject(value) ? value[prop] : undefined;
    return { value, end, at: named.at };
  }

  /** `JSON.parse('…')` from inside its bracket: the string's text read as JSON. */
  private jsonParse(i: number): ScriptValue {
    const script = this.script;
    const start = skipSpace(script, i);
    const stringEnd = skipQuoted(script, start);
    if (stringEnd < 0) {
      this.failed++; // a string never closed is read to the script's end: as an unclosed literal, a few at most
      return { value: undefined, end: start };
    }
    const text = (parseJsLiteral(`[${script.slice(start, stringEnd + 1)}]`) as unknown[] | undefined)?.[0];
    const close = skipSpace(script, stringEnd + 1);
    let value: unknown;
    try {
      value = typeof text === "string" && /^\s*[[{]/.test(text) ? JSON.parse(text) : undefined;
    } catch {
      value = undefined;
    }
    // a failure costs a thrown error: counted with the unclosed literals, so a script of many stays cheap (and is reported)
    if (value === undefined) this.failed++;
    return { value, end: script[close] === ")" ? close + 1 : close };
  }

  /** The literal last assigned to a variable before `before`, unless changed in between; `at` is where it starts. */
  variable(name: string, before: number): { value: unknown; at?: number } {
    this.assignments ??= positionsOf(this.script, ASSIGNMENT_RE, true);
    const at = lastBefore(this.assignments.get(name) ?? [], before); // by bisection: a name assigned on every line stays cheap
    if (at < 0) return { value: undefined };
    this.mutations ??= positionsOf(this.script, MUTATION_RE, false);
    if (lastBefore(this.mutations.get(name) ?? [], before) > at) return { value: undefined }; // data.push(…) before the call
    return { value: this.literalAt(at).value ?? this.shorthand(at, at), at };
  }

  /** `{data, layout}` (shorthand properties, each a variable assigned a literal before `before`) as data; undefined otherwise. */
  private shorthand(start: number, before: number): unknown {
    const names = SHORTHAND_RE.exec(this.script.slice(start, start + 400));
    if (!names || this.shorthandDepth >= MAX_SHORTHAND_DEPTH) return undefined;
    const value: Record<string, unknown> = {};
    this.shorthandDepth++;
    try {
      for (const name of names[0].slice(1, -1).split(",").map((n) => n.trim()).filter((n) => n !== "")) {
        const v = this.variable(name, before).value;
        if (v === undefined) return undefined;
        value[name] = v;
      }
    } finally {
      this.shorthandDepth--;
    }
    return value;
  }

  private literalAt(start: number): { value: unknown; end: number } {
    let known = this.parsed.get(start);
    // JavaScript read in place (JSON is left to JSON.parse, by its closing bracket): the same value and end
    const inPlace = !known && looksLikeJavaScript(this.script.slice(start, start + 200)) ? parseJsLiteralAt(this.script, start) : undefined;
    if (inPlace?.read) this.parsed.set(start, (known = { value: inPlace.value, end: inPlace.end }));
    if (!known) {
      const open = this.script.charCodeAt(start);
      const end = matchingBrace(this.script, start, open, open === 91 ? 93 : 125);
      if (end < 0) this.failed++; // only an unclosed text costs the rest of the script; a closed one its own length
      const notData = end < 0 || (inPlace !== undefined && !inPlace.read && inPlace.notData); // no need to read it again
      known = { value: notData ? undefined : tryParse(this.script.slice(start, end + 1)), end };
      this.parsed.set(start, known);
    }
    return known;
  }
}

/** True when a figure's traces are all objects (none a variable or call left unread) and its layout an object. */
function readable(data: readonly unknown[], layout: unknown): boolean {
  return isObject(layout) && data.every(isObject);
}

/** The last of ascending positions before `before`, or −1. */
function lastBefore(sorted: readonly number[], before: number): number {
  const below = countBelow(sorted, before);
  return below > 0 ? sorted[below - 1] : -1;
}

/** Where each name a global regex captures occurs in a script (after the match when `after`), in one pass. */
function positionsOf(script: string, re: RegExp, after: boolean): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const a of script.matchAll(re)) {
    const at = after ? a.index! + a[0].length : a.index!;
    const list = found.get(a[1]);
    if (list) list.push(at);
    else found.set(a[1], [at]);
  }
  return found;
}

const skipSpace = (text: string, i: number) => {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    const comment = skipComment(text, i);
    if (comment < 0 || comment >= text.length) return comment < 0 ? i : text.length;
    i = comment + 1;
  }
};

/** The index of a string's closing quote when one opens at `i`, else −1 (also when it is not closed before `limit`). */
function skipQuoted(text: string, i: number, limit = text.length): number {
  const quote = text.charCodeAt(i);
  if (quote !== 34 /* " */ && quote !== 39 /* ' */ && quote !== 96 /* ` */) return -1;
  for (i++; i < limit && text.charCodeAt(i) !== quote; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
  return i < limit ? i : -1;
}

/** The last index of a `//` or `/* … *\/` comment opening at `i` (`limit` when not closed before it), else −1. */
function skipComment(text: string, i: number, limit = text.length): number {
  if (text.charCodeAt(i) !== 47 /* / */) return -1;
  const next = text.charCodeAt(i + 1);
  if (next !== 47 && next !== 42 /* * */) return -1;
  // a loop, not indexOf: a bounded caller must not read to the text's end for each of many unclosed comments
  for (let k = i + 2; k < limit; k++) {
    if (next === 47 && text.charCodeAt(k) === 10 /* \n */) return k;
    if (next === 42 && text.charCodeAt(k) === 47 && text.charCodeAt(k - 1) === 42 && k > i + 2) return k;
  }
  return limit;
}

/**
 * Past a call's first argument, by bracket depth (strings and comments skipped), at the comma or bracket after it; −1
 * when not found within MAX_FIRST_ARGUMENT characters or before the next Plotly call (so each part of a hostile script
 * of many unclosed calls is read once).
 */
function skipFirstArgument(text: string, i: number): number {
  let depth = 0;
  const nextCall = text.slice(i, i + MAX_FIRST_ARGUMENT).indexOf("Plotly.");
  const limit = Math.min(text.length, i + (nextCall < 0 ? MAX_FIRST_ARGUMENT : nextCall));
  for (; i < limit; i++) {
    const ch = text[i];
    const skipped = Math.max(skipQuoted(text, i, limit), skipComment(text, i, limit));
    if (skipped >= limit) return -1;
    if (skipped >= 0) i = skipped;
    else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      if (depth === 0) return i;
      depth--;
    } else if (ch === "," && depth === 0) return i;
  }
  return -1;
}

/** An unquoted key or a single quote first: a literal written as JavaScript, not JSON. */
const looksLikeJavaScript = (head: string) => /^[\s[{]*[A-Za-z_$']/.test(head);

/** JSON.parse, or undefined for text that is not JSON (a script's own object literal): not a figure. */
function tryParse(text: string): unknown {
  // an unquoted key or a single quote first: JavaScript, read as such without JSON.parse's thrown error (300,000 literal
  // figures in one script spent 3 s in them)
  if (looksLikeJavaScript(text.slice(0, 200))) return parseJsLiteral(text);
  try {
    return JSON.parse(text);
  } catch {
    return parseJsLiteral(text); // unquoted keys, single quotes: a figure written as JavaScript
  }
}

/**
 * Index of the brace (or, with 91 and 93, the bracket) closing the one at `start`, strings in any quotes and comments
 * skipped (a review's `// children's placements` inside the traces had paired the wrong brackets), or −1.
 */
function matchingBrace(text: string, start: number, open = 123 /* { */, close = 125 /* } */): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 || ch === 39 || ch === 96 || ch === 47) {
      const skipped = ch === 47 ? skipComment(text, i) : skipQuoted(text, i);
      if (skipped >= text.length || (skipped < 0 && ch !== 47)) return -1;
      if (skipped >= 0) i = skipped;
    } else if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i;
  }
  return -1;
}

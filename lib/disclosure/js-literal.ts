/**
 * A JavaScript object or array literal read as data, for the disclosure scanner's figures: a page written by hand, or by
 * a tool that does not write JSON, draws `Plotly.newPlot('f', [{x: ['A', 'B'], y: [3, 80], type: 'bar'}], {yaxis:
 * {title: 'Children'}})`, unquoted keys and single quotes, which JSON.parse refuses; round 22 left such a figure unread
 * (its closing note). Read here: objects (keys as names, strings or numbers), arrays, strings in any of the three quotes
 * (a template's `${…}` read as "…", an unknown part of the text: round 23's review had one `${lab}` in a trace's name
 * refuse the whole figure), numbers (decimal, hexadecimal, signed, `.5`, separators `1_000`), true, false, null,
 * undefined, NaN, Infinity, trailing commas and comments. Anything else (a call, a variable, an expression) is not
 * data: the literal is refused whole (undefined), and a Plotly call drawing it is reported as not scanned.
 */

/** Nesting read at most: deeper literals are refused (a recursive reader must not overflow the stack on hostile text). */
const MAX_DEPTH = 256;

/** A number or a word that is a value, where the reader stands (sticky: no copy of the rest of the text). */
const WORD_RE = /(?:[+-]?(?:0[xX][\da-fA-F](?:_?[\da-fA-F])*|(?:\d(?:_?\d)*\.?(?:\d(?:_?\d)*)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d+)?|Infinity)|true|false|null|undefined|NaN)(?![\w$])/y;
/** An object's key written as a name or a number. */
const KEY_RE = /(?:[A-Za-z_$][\w$]*|\d+(?:\.\d+)?)/y;
/** What a backslash before each letter stands for in a string. */
const ESCAPED: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };
/** White space where the reader stands. */
const SPACE_RE = /\s*/y;

/**
 * What the reader throws at text that is not data: one error made once, since the callers only catch it (an error made
 * per refusal captured a stack each time: half a million unreadable calls in a hostile page spent seconds in them).
 */
const NOT_A_LITERAL = new SyntaxError("not a literal");

class LiteralReader {
  i = 0;
  /** A template string was read (`${…}` is paired here, not by a scan for brackets: see {@link parseJsLiteralAt}). */
  sawTemplate = false;
  constructor(private readonly text: string) {}

  fail(): never {
    throw NOT_A_LITERAL;
  }

  /** Skip white space and comments. */
  space(): void {
    const t = this.text;
    for (;;) {
      // ASCII by its codes, the rest by the regex (\s's Unicode spaces): called before and after every value, the regex
      // alone was a fifth of reading 211,000 literal Plotly calls
      let code = t.charCodeAt(this.i);
      while (code === 32 || (code >= 9 && code <= 13)) code = t.charCodeAt(++this.i);
      if (code > 127) {
        SPACE_RE.lastIndex = this.i;
        SPACE_RE.exec(t);
        this.i = SPACE_RE.lastIndex;
      }
      if (t.charCodeAt(this.i) !== 47 /* / */) return;
      if (t.startsWith("//", this.i)) {
        const end = t.indexOf("\n", this.i);
        this.i = end < 0 ? t.length : end + 1;
      } else if (t.startsWith("/*", this.i)) {
        const end = t.indexOf("*/", this.i + 2);
        if (end < 0) this.fail();
        this.i = end + 2;
      } else return;
    }
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail();
    this.space();
    const ch = this.text[this.i];
    if (ch === "{") return this.object(depth);
    if (ch === "[") return this.array(depth);
    if (ch === '"' || ch === "'" || ch === "`") return this.string();
    WORD_RE.lastIndex = this.i;
    const word = WORD_RE.exec(this.text);
    if (!word) this.fail();
    this.i += word[0].length;
    const w = word[0].replace(/_/g, ""); // 1_000
    if (w === "true" || w === "false") return w === "true";
    if (w === "null") return null;
    if (w === "undefined") return undefined;
    if (w === "NaN") return Number.NaN;
    return /^[+-]?0[xX]/.test(w) ? (w.startsWith("-") ? -1 : 1) * Number(w.replace(/^[+-]/, "")) : Number(w);
  }

  string(): string {
    const t = this.text;
    const quote = t[this.i++];
    if (quote === "`") this.sawTemplate = true;
    let out = "";
    for (; this.i < t.length; this.i++) {
      const ch = t[this.i];
      if (ch === quote) {
        this.i++;
        return out;
      }
      if (quote === "`" && ch === "$" && t[this.i + 1] === "{") {
        this.skipExpression();
        out += "…"; // a template's expression: a part of the text not known here
        continue;
      }
      if (ch === "\\") {
        const next = t[++this.i];
        if (next === "u" && /^[\da-fA-F]{4}$/.test(t.slice(this.i + 1, this.i + 5))) {
          out += String.fromCharCode(parseInt(t.slice(this.i + 1, this.i + 5), 16));
          this.i += 4;
        } else if (next === "\n") {
          // a line continuation
        } else out += ESCAPED[next] ?? next;
      } else if ((ch === "\n" || ch === "\r") && quote !== "`") this.fail();
      else out += ch;
    }
    return this.fail();
  }

  /** Past a template's `${…}` (from its `$`), its braces paired, strings in it skipped; at its closing brace. */
  private skipExpression(): void {
    const t = this.text;
    let depth = 0;
    for (this.i++; this.i < t.length; this.i++) {
      const ch = t[this.i];
      if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) return;
      else if (ch === '"' || ch === "'" || ch === "`") {
        for (this.i++; this.i < t.length && t[this.i] !== ch; this.i++) if (t[this.i] === "\\") this.i++;
      }
    }
    this.fail();
  }

  array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.space();
      if (this.text[this.i] === "]") {
        this.i++;
        return out;
      }
      out.push(this.value(depth + 1));
      this.space();
      if (this.text[this.i] === ",") this.i++;
      else if (this.text[this.i] !== "]") this.fail();
    }
  }

  object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.space();
      const ch = this.text[this.i];
      if (ch === "}") {
        this.i++;
        return out;
      }
      let key: string;
      if (ch === '"' || ch === "'") key = this.string();
      else {
        KEY_RE.lastIndex = this.i;
        const name = KEY_RE.exec(this.text);
        if (!name) this.fail();
        key = name[0];
        this.i += key.length;
      }
      this.space();
      if (this.text[this.i] !== ":") this.fail(); // a shorthand property or a method: not data
      this.i++;
      const v = this.value(depth + 1);
      if (key !== "__proto__") out[key] = v;
      this.space();
      if (this.text[this.i] === ",") this.i++;
      else if (this.text[this.i] !== "}") this.fail();
    }
  }
}

/**
 * The data an object or array literal holds, or undefined when the text is anything else (see the file's comment).
 * @example
 * parseJsLiteral("{x: ['A', 'B'], y: [3, 80], type: 'bar',}") // { x: ["A", "B"], y: [3, 80], type: "bar" }
 * parseJsLiteral("{x: f(1)}") // undefined
 */
export function parseJsLiteral(text: string): unknown {
  const reader = new LiteralReader(text);
  try {
    reader.space();
    if (text[reader.i] !== "{" && text[reader.i] !== "[") return undefined;
    const value = reader.value(0);
    reader.space();
    return reader.i === text.length ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The object or array literal starting at `start` in a longer text, read in place, with the index of its closing
 * bracket (`read`); or, unread, whether it is no data at all (`notData`: the same text cut at any closing bracket is no
 * data either, as the reader decides by what it has read) or holds a template string (whose `${…}` a bracket scan
 * pairs otherwise: the caller reads it as before, by its closing bracket). Reading in place spares that scan and a
 * copy of each literal: a page of 211,000 literal Plotly calls spent a tenth of its time finding their brackets (round
 * 23, C2).
 * @example
 * parseJsLiteralAt("f([1, 2]);", 2) // { read: true, value: [1, 2], end: 7 }
 */
export function parseJsLiteralAt(text: string, start: number): { read: true; value: unknown; end: number } | { read: false; notData: boolean } {
  const open = text[start];
  if (open !== "{" && open !== "[") return { read: false, notData: true };
  const reader = new LiteralReader(text);
  reader.i = start;
  try {
    const value = reader.value(0);
    return reader.sawTemplate ? { read: false, notData: false } : { read: true, value, end: reader.i - 1 };
  } catch {
    return { read: false, notData: !reader.sawTemplate };
  }
}

/** HTML as the disclosure scanner reads it (./scan.ts): entities decoded, tags stripped, library scripts told from data scripts. */

/** JSON.parse, or undefined for text that is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeEntities(s: string): string {
  if (!s.includes("&")) return s; // most texts hold none: seven passes over each of a million hovers cost 0.4 s
  return s
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, "&");
}

/** The text of HTML: tags become spaces, entities are decoded, runs of white space one space. */
export const stripTags = (s: string) => decodeEntities(s.includes("<") ? s.replace(/<[^>]*>/g, " ") : s).replace(/\s+/g, " ").trim();

/** A script that is library code (not data): has src=, or a licence banner near its start. */
export function isLibraryScript(attrs: string, body: string): boolean {
  if (/\bsrc\s*=/.test(attrs)) return true;
  return /^\s*(\/\*[!*]?[\s\S]{0,2000}?(licen[cs]e|copyright|plotly\.js v)|!function|\(function\(\)\{)/i.test(body.slice(0, 2500)) && body.length > 20000;
}

/**
 * The `<pre>` blocks of HTML as text (tags inside dropped, entities decoded, lines kept) and the HTML without them:
 * nbconvert writes a notebook's text/plain output (a printed frame or Series) in one, whose lines the table readers
 * need. Found by indexOf, not by a lazy regex that would search to the end again from every unclosed `<pre>`.
 * @example
 * preBlocks("<p>a</p><pre>x  &amp;\n1</pre>").blocks // ["x  &\n1"]
 */
export function preBlocks(html: string): { rest: string; blocks: string[] } {
  const lower = html.toLowerCase();
  const blocks: string[] = [];
  const kept: string[] = [];
  let from = 0;
  for (let open = lower.indexOf("<pre", from); open >= 0; open = lower.indexOf("<pre", from)) {
    const after = lower[open + 4];
    const bodyStart = lower.indexOf(">", open);
    if (bodyStart < 0) break; // "<pre" with no ">": no block
    const found = lower.indexOf("</pre>", bodyStart);
    // an unclosed <pre> runs to the end of the page, as a browser shows it (a page cut off inside one had its printed
    // table read as nothing: a review, round 23)
    const close = found < 0 ? html.length : found;
    if (after !== ">" && !/\s/.test(after ?? "")) {
      kept.push(html.slice(from, bodyStart + 1)); // <prefix>, <preview>: not a pre
      from = bodyStart + 1;
      continue;
    }
    kept.push(html.slice(from, open), " ");
    blocks.push(decodeEntities(html.slice(bodyStart + 1, close).replace(/<[^>]*>/g, "")));
    from = found < 0 ? html.length : close + "</pre>".length;
  }
  kept.push(html.slice(from));
  return { rest: kept.join(""), blocks };
}

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
export const stripTags = (s: string) => decodeEntities(s.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();

/** A script that is library code (not data): has src=, or a licence banner near its start. */
export function isLibraryScript(attrs: string, body: string): boolean {
  if (/\bsrc\s*=/.test(attrs)) return true;
  return /^\s*(\/\*[!*]?[\s\S]{0,2000}?(licen[cs]e|copyright|plotly\.js v)|!function|\(function\(\)\{)/i.test(body.slice(0, 2500)) && body.length > 20000;
}

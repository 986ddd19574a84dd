/**
 * A small, safe subset of Markdown for report text: paragraphs (blank-line separated), `- ` bullet lists,
 * `### ` sub-headings, and inline `**bold**`, `*italic*`, `` `code` `` and `[text](https://…)` links.
 * Everything is HTML-escaped first, so text can never inject markup.
 */
import { escapeHtml } from "./html-escape";

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|#|\.\/)[^)\s]*)\)/g, '<a href="$2">$1</a>');
}

/**
 * Render the Markdown subset to HTML.
 * @example
 * markdownToHtml("The **screen** ranks 12 indicators.\n\n- one\n- two")
 * // "<p>The <strong>screen</strong> ranks 12 indicators.</p>\n<ul><li>one</li><li>two</li></ul>"
 */
export function markdownToHtml(text: string): string {
  const blocks = text.replace(/\r\n/g, "\n").trim().split(/\n\s*\n/);
  return blocks
    .filter((b) => b.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((l) => /^\s*[-*] /.test(l))) {
        return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ""))}</li>`).join("")}</ul>`;
      }
      const h = /^(#{2,4}) (.*)$/.exec(lines[0]);
      if (h && lines.length === 1) {
        const level = Math.min(h[1].length + 1, 5);
        return `<h${level}>${inline(h[2])}</h${level}>`;
      }
      return `<p>${lines.map(inline).join("\n")}</p>`;
    })
    .join("\n");
}

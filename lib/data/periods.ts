/**
 * The one rule attaching a dated event (an Ofsted judgement's publication) to a period, the year ending 31 March
 * that the indicators are published for: the official importer, the link rules and the synthetic generator all
 * use it, so that a judgement published on 31 March is beside the same year's indicators everywhere. And the reading of
 * a period written as text (`2014-15`, `201415`) as that year.
 */

/**
 * The latest year ending 31 March on or before the ISO date `isoDate` (yyyy-mm-dd, not checked here: callers
 * check their inputs first).
 * @example
 * yearEndingMarchOnOrBefore("2017-06-15") // 2017
 * yearEndingMarchOnOrBefore("2018-03-31") // 2018
 * yearEndingMarchOnOrBefore("2018-03-30") // 2017
 */
export function yearEndingMarchOnOrBefore(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5) >= "03-31" ? year : year - 1;
}

/**
 * A period cell as the year ending March, as `add` reads a researcher's table and check-disclosure's differencing
 * compares periods: `2015` → 2015; financial-year forms `2014-15`, `2014/15`,
 * `2014-2015` and the EES `201415` → 2015. Undefined when the text is none of these.
 * @example
 * parsePeriodCell("2014-15") // 2015
 * parsePeriodCell("201415") // 2015
 * parsePeriodCell("last year") // undefined
 */
export function parsePeriodCell(text: string): number | undefined {
  const t = text.trim();
  let m = /^(\d{4})(?:\.0+)?$/.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) {
    const start = Number(m[1]);
    const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) + (Number(m[2]) < start % 100 ? 100 : 0) : Number(m[2]);
    return end === start + 1 ? end : undefined;
  }
  return undefined;
}

/**
 * Years as runs of consecutive years: "2013–2016, 2019, 2024".
 * @example
 * yearsText([2013, 2014, 2015, 2019]) // "2013–2015, 2019"
 */
export function yearsText(years: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    runs.push(j === i ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}

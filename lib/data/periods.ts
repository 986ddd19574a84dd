/**
 * The one rule attaching a dated event (an Ofsted judgement's publication) to a period, the year ending 31 March
 * that the indicators are published for: the official importer, the link rules and the synthetic generator all
 * use it, so that a judgement published on 31 March is beside the same year's indicators everywhere.
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

/**
 * A verdict's reason in words and numbers (results.json `vital_signs[].reason`, verdicts.csv, the report): the
 * one place that writes it, from the verdict's code, failed criteria and evidence (lib/vitals/verdicts.ts) and
 * the selection's settings and design. A selected indicator's reason gives its adjusted association, how often
 * it was selected, its reliability and completeness; a rejected one's states every criterion it fails, the
 * primary first, the others after "; also" in short form.
 */
import { undefinedPartialNote } from "../vitals/screen";
import type { Selection } from "../vitals/selection";
import { COMPLETENESS_TIE, type FailedCode, type Verdict } from "../vitals/verdicts";
import { pValueAfterName } from "./number-format";

/** Decimals of a coefficient in a reason ("ρ = −0.39"). */
const COEFFICIENT_DIGITS = 2;

/**
 * The reason for one verdict of a selection.
 * @example
 * verdictReason(sel.verdicts[0], sel)
 * // "selected: adjusted partial ρ = 0.48 (p < 0.001, q < 0.001, 147 LAs); selected in 100% of 1,000 half-samples of LAs; …"
 */
export function verdictReason(v: Verdict, sel: Selection): string {
  const cached = reasonCache.get(v);
  if (cached !== undefined && cached.sel === sel) return cached.text;
  const text = reasonText(v, sel);
  reasonCache.set(v, { sel, text });
  return text;
}

/**
 * Reasons already written, by verdict (results.json and the report's figures both ask for every one); a
 * verdict and its selection are never changed once made, so the text cannot go stale.
 */
const reasonCache = new WeakMap<Verdict, { sel: Selection; text: string }>();

function reasonText(v: Verdict, sel: Selection): string {
  const w = reasonWords(v, sel);
  if (v.code === "selected") return w.selected();
  const parts = v.evidence.failedCodes.map((code) => w.failure(code));
  const also = (from: number) => parts.slice(from).map((f) => `; also ${f.short}`).join("");
  if (v.code === "redundant") return `${w.redundant()}${also(0)}`;
  return `${parts[0].full}${also(1)}`;
}

/**
 * The reasons of every verdict, in the selection's order.
 * @example verdictReasons(analysis.selection)[0] // "selected: adjusted partial ρ = …"
 */
export function verdictReasons(sel: Selection): string[] {
  return sel.verdicts.map((v) => verdictReason(v, sel));
}

/** A coefficient with 2 decimals and a proper minus sign; "NA" when missing. */
function num(v: number, digits = COEFFICIENT_DIGITS): string {
  if (Number.isNaN(v)) return "NA";
  return v.toFixed(digits).replace(/^-/, "−");
}

/** A share as a whole percentage; "NA" when missing. */
function pct(v: number): string {
  return Number.isNaN(v) ? "NA" : `${Math.round(v * 100)}%`;
}

/**
 * The Monte Carlo uncertainty of the frequency when a cut-off lies within it and the verdict would read otherwise on
 * the other side (lib/vitals/verdicts.ts `frequencyLine`); "" otherwise.
 * @example nearLineText(v) // "; 0.202 ± 0.013 (Monte Carlo SE over the resamples): near the 0.20 line, may read weak at another seed"
 */
function nearLineText(v: Verdict): string {
  const line = v.evidence.frequencyLine;
  if (line === undefined) return "";
  const other = line.otherSide.replace(/-/g, " ");
  return `; ${v.selectionFrequency.toFixed(3)} ± ${v.evidence.frequencySe.toFixed(3)} (Monte Carlo SE over the resamples): near the ${line.cutoff.toFixed(2)} line, may read ${other} at another seed`;
}

/** A year-to-year r with 2 decimals; "not measurable" when missing. */
function relNumber(r: number): string {
  return Number.isNaN(r) ? "not measurable" : num(r);
}

/**
 * Why the other indicator of a redundant one's pair was kept: the rule applied, with the numbers it compared
 * (lib/vitals/verdicts.ts KeptBecause), kept one's first.
 */
function keptBecauseWords(v: Verdict): string {
  const d = v.evidence.redundancy!;
  const { row, reliability } = v.evidence;
  const completeness = `completeness ${pct(d.keptCompleteness)} vs ${pct(row.completeness)}`;
  const reliabilities = `year-to-year r ${relNumber(d.keptReliability)} vs ${relNumber(reliability)}`;
  const frequencies = `selected in ${pct(d.keptFrequency)} vs ${pct(v.selectionFrequency)} of resamples`;
  const asComplete = `as complete (${completeness}: within ${Math.round(COMPLETENESS_TIE * 100)} percentage points)`;
  switch (d.keptBecause) {
    case "selected":
      return "because it is selected and this one is not a candidate (its own shortfalls follow)";
    case "more-complete":
      return `as the more complete (${completeness})`;
    case "more-reliable":
      return `as the more reliable: ${asComplete}, ${reliabilities}`;
    case "more-often-selected":
      return `as the more often selected: ${asComplete}, as reliable (${reliabilities}), ${frequencies}`;
    case "listed-first":
      return `as the first listed, all else equal: ${asComplete}, as reliable (${reliabilities}), as often selected (${frequencies})`;
  }
}

/** The phrases one verdict's reason is built from. */
function reasonWords(v: Verdict, sel: Selection) {
  const { row, reliability } = v.evidence;
  const s = sel.settings;
  const resamplesWord = sel.design.resampling === "complementary-pairs" ? "half-samples" : "bootstrap resamples";
  const slots = sel.bootstrapOffsets.length;
  // not "one of its N slots": an LA with an outcome in one slot only brings that one (35 of 149 in the ILACS run)
  // and nothing at all when no LA has more than one (one judgement per LA)
  const slotsText = slots > 1 && sel.design.unitsWithSeveralSlots > 0 ? `, each LA bringing one of its 1–${slots} slots` : "";
  const freqBase = `selected in ${pct(v.selectionFrequency)} of ${sel.design.usable.toLocaleString("en-GB")} ${resamplesWord} of LAs${slotsText}`;
  const near = nearLineText(v);
  const freqText = `${freqBase}${near}`;
  // with nothing allowed for (--context none) the partial is the raw coefficient: "adjusted" would say otherwise
  const adjText =
    `${sel.contextNames.length > 0 ? `adjusted partial ${s.method === "spearman" ? "ρ" : "r"}` : `unadjusted ${s.method === "spearman" ? "ρ" : "r"}`} = ${num(row.partialR)} ` +
    `(p ${pValueAfterName(row.partialP)}, q ${pValueAfterName(row.qBh)}, ${row.partialN} LAs)`;
  const relText = Number.isNaN(reliability) ? "year-to-year r not measurable" : `year-to-year r = ${num(reliability)}`;
  const largelyContext = v.evidence.largelyContext ? `; largely explained by context (R² = ${num(row.contextR2)}) but still associated after adjustment` : "";

  const selected = () => {
    const dirNote = row.polarityAgrees === false ? `; note: ${row.direction}, against its stated polarity (${row.polarity})` : "";
    const stands = v.standsInFor ? `; stands in for ${v.standsInFor.join(", ")}` : "";
    return `selected: ${adjText}; ${freqText}; ${relText}; completeness ${pct(row.completeness)}; ${row.direction}${dirNote}${stands}`;
  };

  const redundant = () => {
    const d = v.evidence.redundancy!;
    const other = v.redundantWith!;
    const over = `across LAs, pooled over ${d.periods} period${d.periods === 1 ? "" : "s"} (${d.n.toLocaleString("en-GB")} LA-periods)`;
    const basis = d.givenContext ? `${over} given context; ${num(d.rawR)} before` : over;
    return `redundant with ${other}: r = ${num(d.r)} ${basis}; ${other} is kept ${keptBecauseWords(v)}; this one ${freqText}`;
  };

  /** A failed criterion in full (as the primary reason) and short (after "also"). */
  const failure = (code: FailedCode): { full: string; short: string } => {
    switch (code) {
      case "too-incomplete": {
        const short = `too incomplete: ${pct(row.completeness)} of the LAs with the outcome have a value (minimum ${pct(s.minCompleteness)})`;
        return { full: `${short}; ${row.n} LAs with both`, short };
      }
      case "unreliable": {
        const short = `unreliable over time: ${relText} (minimum ${num(s.minReliability)})`;
        return { full: `${short}; LAs reshuffle from year to year; ${freqText}`, short };
      }
      case "reliability-unknown": {
        const short = `reliability unknown: ${relText} (minimum ${num(s.minReliability)})`;
        const { slotsWithValues, slotsDrawn } = v.evidence;
        const frequency = slotsWithValues < slotsDrawn
          ? `${freqText}, though only ${slotsWithValues} of the ${slotsDrawn} slots have its values, so the resamples test it on the fewer LAs that bring one: a measure of that, not of its stability`
          : freqText;
        return { full: `${short}; how steady LAs' values are cannot be shown, so it cannot be a lasting sign; ${adjText}; ${frequency}`, short };
      }
      case "confounded": {
        // the unadjusted test the rule uses (lib/vitals/verdicts.ts), on the same LAs as the adjusted one
        const short =
          `confounded by context (${sel.contextNames.join(", ")}): raw ${s.method === "spearman" ? "ρ" : "r"} = ${num(row.rawR)} ` +
          `(p ${pValueAfterName(row.rawP)}) and ${adjText}, both on the same LAs; context model R² = ${num(row.contextR2)}`;
        return { full: `${short}; ${freqText}`, short };
      }
      case "unstable":
        return {
          full: `unstable: ${freqBase} (needs ${pct(s.threshold)})${near}; ${adjText}${largelyContext}`,
          short: `unstable: selected in ${pct(v.selectionFrequency)} of resamples (needs ${pct(s.threshold)})`,
        };
      case "not-testable": {
        const coefficient = sel.contextNames.length > 0 ? `adjusted partial ${s.method === "spearman" ? "ρ" : "r"}` : `${s.method === "spearman" ? "Spearman ρ" : "Pearson r"}`;
        const note = undefinedPartialNote(row, sel.contextNames.length > 0);
        const short = `not testable: no ${coefficient} could be computed${note ? ` (${note})` : ""}`;
        return { full: `${short}, so its link with the outcome is unknown and no resample can select it; raw Spearman ρ = ${num(row.spearmanRho)} (q ${pValueAfterName(row.qBhRaw)})`, short };
      }
      case "weak": {
        // the evidence is weak, not necessarily the coefficient: with 13 LAs a ρ of 0.66 has q 0.41 (notebook 05)
        const short = `weak evidence of a link: ${adjText}, not clear of chance (q ≥ ${s.alpha})`;
        return { full: `${short}; raw Spearman ρ = ${num(row.spearmanRho)} (q ${pValueAfterName(row.qBhRaw)}); ${freqText}${largelyContext}`, short };
      }
    }
  };

  return { selected, redundant, failure };
}

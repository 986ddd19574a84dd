/**
 * The resampling design of the selection: which slots of linked data (lib/vitals/frame.ts FrameSlot) are
 * drawn, which LAs are the units that are resampled, and which slots each LA can bring.
 *
 * **The LA is the unit.** A resample draws LAs, never slots: each drawn LA brings one of *its own* linked
 * observations (outcome, indicator values and context of one slot in which it has a judgement), drawn
 * uniformly from the usable slots it actually has. An LA judged once always brings that judgement; an LA
 * judged in two usable slots brings either. So no resample is ever empty because a rare slot was drawn.
 *
 * **Small slots are left out.** A slot in which fewer than {@link MIN_SLOT_LAS} LAs have an outcome (and
 * complete context) is not drawn from, and the design reports it with the reason. Slot 0 (the screen's) is
 * always used, whatever its size: it is the analysis (the screen, the full-sample signs), so leaving it out would
 * leave nothing to analyse; the rule guards it against earlier slots that hold a small, unusual subgroup of its
 * LAs. A slot 0 too small for the method is refused instead (lib/vitals/selection.ts fewestResampledLas).
 *
 * **The screen's LAs are most of those drawn.** An LA with no outcome in slot 0 is resampled through an earlier slot
 * (a continuous outcome suppressed in its latest year) only while the LAs of slot 0 are at least half of those
 * resampled. Otherwise the selection would mostly describe LAs whose numbers the screen never shows (an outcome each
 * LA has once, in different years: 9 LAs in the latest year, 87 in earlier ones, and an indicator "selected in 94%"
 * beside a partial ρ of −0.01 on the 9), so only slot 0's LAs are resampled, each still bringing any earlier slot it has.
 */
import { InputError } from "../errors";

/**
 * Fewest LAs with an outcome a slot needs to be drawn from. 30 is the conventional smallest sample for
 * which a correlation's normal/t approximation is usable, and below it a partial correlation of the size
 * seen here (|r| ≈ 0.3) cannot reach p < 0.05 (it needs n ≈ 44): such a slot holds an unusual group — e.g.
 * the few LAs judged three times — whose observations could not be checked on their own.
 */
export const MIN_SLOT_LAS = 30;

/** One slot as the design sees it. */
export interface DesignSlot {
  label: string;
  /** LAs with an outcome and complete context in this slot. */
  las: number;
  used: boolean;
  /** Why it is left out (absent when used). */
  reason?: string;
}

/**
 * Which slots are drawn and which LAs are resampled. A class, not an object literal, for the reason
 * lib/vitals/kernel-scratch.ts gives: the second analysis in a process would otherwise throw away the optimised
 * drawing of the resamples (lib/vitals/resample.ts) and run it unoptimised.
 */
export class ResamplingDesign {
  constructor(
    public slots: DesignSlot[],
    /** Indices of the used slots, ascending (slot 0 first). */
    public usedSlots: number[],
    /** The resampled LAs (row numbers of the frame): those with an outcome in at least one used slot. */
    public units: Uint32Array,
    /** Per unit (same order as `units`): the used slots (indices into `usedSlots`) in which it has an outcome. */
    public unitSlots: Uint8Array[],
    public minSlotLas: number,
    /** LAs with an outcome in earlier used slots only, not resampled because slot 0's LAs would be fewer than half of those drawn (0: none). */
    public earlierOnlyLeftOut = 0,
  ) {}
}

/**
 * Plan the design from each slot's outcome and context (NaN = no judgement / no context value).
 * @param slots per slot: its label, the outcome per LA and the context variables per LA
 * @param minSlotLas slots with fewer LAs are left out (slot 0 never is)
 * @throws InputError when there are no slots, lengths differ, or no LA has an outcome in slot 0
 * @example
 * const d = planResamplingDesign([{ label: "latest", outcome, context: [idaci] }, { label: "one before", outcome: prev, context: [idaci] }]);
 * d.slots.map((s) => s.las); // e.g. [153, 114]
 */
export function planResamplingDesign(
  slots: readonly { label: string; outcome: ArrayLike<number>; context: readonly ArrayLike<number>[] }[],
  minSlotLas = MIN_SLOT_LAS,
): ResamplingDesign {
  const fn = "planResamplingDesign";
  if (slots.length === 0) throw new InputError(fn, "needs at least one slot", 0);
  if (slots.length > 255) throw new InputError(fn, "at most 255 slots", slots.length);
  const n = slots[0].outcome.length;
  const linked = slots.map((s, k) => {
    if (s.outcome.length !== n || s.context.some((c) => c.length !== n)) throw new InputError(fn, `slot ${k} must have ${n} LAs`, s.outcome.length);
    return Uint8Array.from({ length: n }, (_, i) => (!Number.isNaN(s.outcome[i]) && s.context.every((c) => !Number.isNaN(c[i])) ? 1 : 0));
  });
  const counts = linked.map((l) => l.reduce((a, b) => a + b, 0));
  if (counts[0] === 0) throw new InputError(fn, "no LA has an outcome (and complete context) in the latest slot", 0);
  const designSlots: DesignSlot[] = slots.map((s, k) => {
    const las = counts[k];
    if (k === 0 || las >= minSlotLas) return { label: s.label, las, used: true };
    return { label: s.label, las, used: false, reason: `left out: fewer than ${minSlotLas} LAs, the fewest an earlier slot needs (the analysed slot is always used: it is the analysis)` };
  });
  const usedSlots = designSlots.flatMap((s, k) => (s.used ? [k] : []));
  const own = Array.from({ length: n }, (_, i) => usedSlots.flatMap((k, u) => (linked[k][i] === 1 ? [u] : [])));
  // slot 0 is used slot 0: an LA without it is drawn through earlier slots only (see the module comment)
  const earlierOnly = own.filter((o) => o.length > 0 && o[0] !== 0).length;
  const dropEarlierOnly = earlierOnly > counts[0];
  const units: number[] = [];
  const unitSlots: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    if (own[i].length > 0 && !(dropEarlierOnly && own[i][0] !== 0)) {
      units.push(i);
      unitSlots.push(Uint8Array.from(own[i]));
    }
  }
  return new ResamplingDesign(designSlots, usedSlots, Uint32Array.from(units), unitSlots, minSlotLas, dropEarlierOnly ? earlierOnly : 0);
}

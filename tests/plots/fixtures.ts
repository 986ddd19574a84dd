/** Small, hand-made LA-level inputs for the figure tests (no record-level data, nothing random). */
export const LA_NAMES = [
  "Ashford", "Barnfield", "Castleton", "Dunmore", "Eastholm", "Fairview", "Glenbrook", "Highgate Vale",
  "Ironbridge", "Juniper", "Kingsmead", "Longford", "Meadowbank", "Northwick", "Oakridge", "Penhallow",
  "Queensbury", "Riverside", "Stonebridge", "Thornbury",
] as const;

export const laCode = (i: number) => `E0600${String(100 + i)}`;

/** 20 LAs: denominators 5..1900 and proportions (%) near 20%, with one far above and one far below. */
export function funnelPoints() {
  return LA_NAMES.map((name, i) => {
    const denominator = i === 0 ? 5 : 100 * i;
    let value: number | null = 20 + ((i * 7) % 9) - 4;
    if (i === 15) value = 35; // far above on a large denominator
    if (i === 17) value = 8; // far below
    if (i === 9) value = null; // missing: suppressed
    return { la_code: laCode(i), la_name: name, value, denominator };
  });
}

/** Indicator, Ofsted grade and adjusted values for 20 LAs. */
export function scatterRows() {
  return LA_NAMES.map((name, i) => ({
    la_code: laCode(i),
    la_name: name,
    indicator: 10 + i * 1.5 + ((i * 5) % 7),
    outcome: i === 4 ? null : 1 + ((i * 3 + (i > 10 ? 2 : 0)) % 4),
    indicatorAdjusted: ((i * 5) % 7) - 3 + (i % 3) * 0.5,
  }));
}

/**
 * Which official publication each source file comes from, for the colophon of every report: matched on the
 * file's name as the publisher issues it (users keep their downloads in folders of their own). Publication
 * titles are the publishers' own; a date is given where the file itself carries one. Unmatched files are
 * listed by file name only.
 */
import * as path from "node:path";

/** One publication: file names it covers and its title with publisher (and date or period where known). */
interface Publication {
  file: RegExp;
  title: (m: RegExpMatchArray) => string;
}

const EES = "DfE, Explore Education Statistics";

/** Publications by file name, first match wins. */
export const PUBLICATIONS: readonly Publication[] = [
  { file: /^[a-d]\d_.*_(\d{4})_to_(\d{4})\.csv$/i, title: (m) => `Children in need, England, reporting years ${m[1]} to ${m[2]} (${EES})` },
  { file: /^csww_indicators_(\d{4})_to_(\d{4})\.csv$/i, title: (m) => `Children's social work workforce, England, ${m[1]} to ${m[2]} (${EES})` },
  { file: /^(la_(care_leavers|children_who_were_missing|cla_|conviction)|cla_number_and_rate)/i, title: () => `Children looked after in England including adoptions, reporting year 2025 (${EES})` },
  { file: /^(absence|ks2|ks4)_la\.csv$/i, title: () => `Outcomes for children in need, including children looked after by local authorities in England (${EES})` },
  { file: /^la_hospital_admissions_(\d{2})(\d{2})\.csv$/i, title: (m) => `Hospital admissions of children, 20${m[1]}-${m[2]} (OHID, as used by the DfE Children's Social Care National Framework dashboard)` },
  { file: /^ons_mid-year_population_estimates_(\d{4})_to_(\d{4})\.csv$/i, title: (m) => `Mid-year population estimates, ${m[1]} to ${m[2]} (ONS)` },
  { file: /^(sn_model_\d{4}|New_Statistical_Neighbour)/i, title: () => "Children's services statistical neighbour benchmarking (DfE)" },
  { file: /^LA_Inspection_Outcomes_as_at_(\d+)_(\w+)_(\d{4})\.ods$/i, title: (m) => `Local authority children's services inspection outcomes as at ${m[1]} ${m[2]} ${m[3]} (Ofsted)` },
  { file: /^Childrens_social_care_in_England_(\d{4})_underlying_data\.ods$/i, title: (m) => `Children's social care in England ${m[1]}: underlying data (Ofsted)` },
  { file: /^File_11_IoD2019/i, title: () => "English Indices of Deprivation 2019, File 11: upper-tier local authority summaries (MHCLG, 26 September 2019)" },
  { file: /^(bds_long|lait_data_dictionary)/i, title: () => "Local Authority Interactive Tool (LAIT) data and dictionary (DfE)" },
  { file: /^(\d{4})__SFR(\d+)_/i, title: (m) => `Children looked after in England (including adoption and care leavers), year ending 31 March ${m[1]}: underlying data (DfE SFR${m[2]}/${m[1]})` },
  { file: /^(SFR(\d+)_(\d{4})_LA_Tables|la_tables_(\d{4})|sdq_lai4_(\d{4}))/i, title: (m) => `Children looked after in England, local authority tables, ${m[3] ?? m[4] ?? m[5]} (DfE Statistical First Release)` },
  { file: /^cla_indicators_la_2011_2016_long\.csv$/i, title: () => "Looked-after children indicators 2011–2016, extracted from the DfE Statistical First Release tables (derived)" },
  { file: /^la_lookup_dfe_ons_codes\.csv$/i, title: () => "DfE–ONS local authority code lookup 2013–2025 (derived from DfE and ONS code lists)" },
  { file: /^LTLA-UTLA_(\w{3})(\d{2})_Lookup/i, title: (m) => `Lower tier to upper tier local authority lookup, ${m[1]} 20${m[2]} (ONS)` },
  { file: /^RO3_LA_Data_(\d{4})-(\d{2})/i, title: (m) => `Local authority revenue expenditure and financing: revenue outturn RO3 (social care), ${m[1]}-${m[2]} (MHCLG)` },
  { file: /^RSX_LA_Data_(\d{4})-(\d{2})/i, title: (m) => `Local authority revenue expenditure and financing: revenue outturn summary RSX, ${m[1]}-${m[2]} (MHCLG)` },
];

/**
 * The publication a source file belongs to, or undefined when its name is not one the publishers use.
 * @example
 * publicationOf("../shared/data/official/iod2019/File_11_IoD2019_UTLA.xlsx")
 * // "English Indices of Deprivation 2019, File 11: upper-tier local authority summaries (MHCLG, 26 September 2019)"
 */
export function publicationOf(file: string): string | undefined {
  const name = path.basename(file);
  for (const p of PUBLICATIONS) {
    const m = name.match(p.file);
    if (m) return p.title(m);
  }
  return undefined;
}

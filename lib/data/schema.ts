/**
 * Field schemas of the data-package resources: one source of truth for column names, types, descriptions
 * and allowed values. `writePackage` copies them into datapackage.json; `readPackage` checks files against them.
 */
import { DOMAINS, FRAMEWORK_AREAS, FRAMEWORK_ROLES, POLARITIES, UNITS, type FieldDescriptor, type ResourceName } from "./types";

/**
 * The shape of a date in the packages and their inputs: ISO yyyy-mm-dd (the shape only; `validatePackage`
 * also checks that the day exists).
 * @example
 * ISO_DATE.test("2016-03-31") // true; "31/03/2016" and "2016-03-31T00:00" are false
 */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The outcomes' declared scale: Ofsted's four-point judgement scale, grade 1 (best) to 4 (worst), and the
 * published labels of each grade (lower case, spaces collapsed; "Adequate" and "Requires improvement
 * (to be good)" are the 2009–2013 and 2013– names of grade 3). One source for the importer and validation.
 */
export const OUTCOME_GRADE_LABELS: Readonly<Record<string, number>> = Object.freeze({
  outstanding: 1,
  good: 2,
  "requires improvement to be good": 3,
  "requires improvement": 3,
  adequate: 3,
  inadequate: 4,
});
/** Best and worst grade of {@link OUTCOME_GRADE_LABELS}' scale. */
export const OUTCOME_GRADE_RANGE = { best: 1, worst: 4 } as const;

/**
 * The grade a published outcome label stands for: the judgement text before any bracketed note the
 * importer appends (" [SIF]", " [ILACS Standard Inspection; inspected …]"), matched case- and
 * space-insensitively.
 * @returns the grade, null for a blank label, undefined for a label outside the scale
 * @example
 * outcomeGradeOfLabel("Requires improvement to be good [SIF]") // 3
 */
export function outcomeGradeOfLabel(label: string): number | null | undefined {
  let text = label.trim();
  if (text.endsWith("]")) {
    const open = text.lastIndexOf("[");
    if (open >= 0) text = text.slice(0, open).trim();
  }
  if (text === "") return null;
  const key = text.toLowerCase().split(/\s+/).join(" ");
  return Object.prototype.hasOwnProperty.call(OUTCOME_GRADE_LABELS, key) ? OUTCOME_GRADE_LABELS[key] : undefined;
}

/** Primary keys per resource (duplicates are validation errors). */
export const PRIMARY_KEYS: Record<ResourceName, readonly string[]> = {
  areas: ["la_code"],
  catalogue: ["indicator"],
  indicators: ["la_code", "period", "indicator"],
  context: ["la_code", "period", "variable"],
  outcomes: ["la_code", "outcome", "date"],
  benchmarks: ["geography", "code", "period", "indicator"],
};

const laCode: FieldDescriptor = {
  name: "la_code",
  type: "string",
  description: "ONS code of the local authority (e.g. E09000033); the code year is given in provenance.area_codes",
  constraints: { required: true },
};
const period: FieldDescriptor = {
  name: "period",
  type: "integer",
  description: "Year ending 31 March, as an integer (2015 = April 2014 to March 2015)",
  constraints: { required: true, minimum: 1990, maximum: 2100 },
};
const status: FieldDescriptor = {
  name: "status",
  type: "string",
  description:
    "Blank when the value is present; otherwise why it is missing: suppressed, not-available, not-applicable or " +
    "low-reliability, optionally followed by ':' and the original publication symbol (e.g. suppressed:c, not-available:x)",
};

export const SCHEMAS: Record<ResourceName, readonly FieldDescriptor[]> = {
  areas: [
    laCode,
    { name: "la_name", type: "string", description: "Name of the local authority", constraints: { required: true } },
    { name: "region_code", type: "string", description: "ONS code of the region (E12…)", constraints: { required: true } },
    { name: "region_name", type: "string", description: "Name of the region", constraints: { required: true } },
    { name: "old_la_code", type: "string", description: "DfE 3-digit LA number (blank if none)" },
    { name: "first_period", type: "integer", description: "First period the LA exists in these data (blank: from the start)" },
    { name: "last_period", type: "integer", description: "Last period the LA exists in these data (blank: still exists)" },
  ],
  catalogue: [
    { name: "indicator", type: "string", description: "Stable indicator id", constraints: { required: true } },
    { name: "label", type: "string", description: "Short human-readable label", constraints: { required: true } },
    {
      name: "domain",
      type: "string",
      description: "Domain of the 2019 outcomes framework / What Works framework",
      constraints: { required: true, enum: DOMAINS },
    },
    {
      name: "polarity",
      type: "string",
      description: "up: higher is better; down: lower is better; none: no judgement",
      constraints: { required: true, enum: POLARITIES },
    },
    { name: "unit", type: "string", description: "Unit of value", constraints: { required: true, enum: UNITS } },
    { name: "numerator", type: "string", description: "What the numerator counts" },
    { name: "denominator", type: "string", description: "What the denominator counts" },
    { name: "source", type: "string", description: "Publication and column/filter the indicator comes from" },
    { name: "definition", type: "string", description: "Definition in words" },
    {
      name: "framework_role",
      type: "string",
      description:
        "Place in the 2019 outcomes framework and the National Framework: child-outcome, practice, enabler or context (blank: not tagged)",
      constraints: { enum: FRAMEWORK_ROLES },
      optional: true,
    },
    {
      name: "framework_area",
      type: "string",
      description:
        "National Framework area: family-help, family-network, safety, stability, education, health-wellbeing, leaving-care, workforce, resources or need (blank: not tagged)",
      constraints: { enum: FRAMEWORK_AREAS },
      optional: true,
    },
  ],
  indicators: [
    laCode,
    period,
    { name: "indicator", type: "string", description: "Indicator id (see catalogue.csv)", constraints: { required: true } },
    { name: "value", type: "number", description: "Value in the catalogue's unit; blank when missing (see status)" },
    { name: "numerator", type: "number", description: "Numerator count, when published" },
    { name: "denominator", type: "number", description: "Denominator count, when published" },
    status,
  ],
  context: [
    laCode,
    period,
    { name: "variable", type: "string", description: "Context variable id (e.g. idaci_score)", constraints: { required: true } },
    { name: "value", type: "number", description: "Value; blank when missing" },
  ],
  outcomes: [
    laCode,
    { name: "outcome", type: "string", description: "Outcome id (e.g. ofsted_sif_overall)", constraints: { required: true } },
    { name: "value", type: "number", description: "Grade: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate" },
    { name: "label", type: "string", description: "Judgement as published" },
    { name: "date", type: "date", description: "Publication date (ISO yyyy-mm-dd)", constraints: { required: true } },
    { name: "period", type: "integer", description: "Year ending March the judgement is attached to: the latest year ending 31 March on or before its publication date" },
  ],
  benchmarks: [
    {
      name: "geography",
      type: "string",
      description: "england or region",
      constraints: { required: true, enum: ["england", "region"] },
    },
    { name: "code", type: "string", description: "E92000001 for England, E12… for a region", constraints: { required: true } },
    period,
    { name: "indicator", type: "string", description: "Indicator id", constraints: { required: true } },
    { name: "value", type: "number", description: "Value; blank when missing (see status)" },
    { name: "numerator", type: "number", description: "Numerator (national/regional counts are rounded to 10 by DfE)" },
    { name: "denominator", type: "number", description: "Denominator" },
    status,
  ],
};

/**
 * Column names of a resource, in file order.
 * @example
 * fieldNames("context") // ["la_code", "period", "variable", "value"]
 */
export function fieldNames(resource: ResourceName): string[] {
  return SCHEMAS[resource].map((f) => f.name);
}

/** LAs' own statutory returns (SSDA903, CIN census) aggregated to indicators. Public API of lib/returns, re-exported by name from lib/index.ts. */
export {
  readPopulationCsv, importReturns, type ImportReturnsOptions, type ReturnsImport,
} from "./import-returns";
export {
  returnsPackageContent, writeReturnsPackage, POPULATION_CONTEXT_VARIABLE,
} from "./returns-package";
export {
  SSDA903_SOURCE, CIN_SOURCE, RETURNS_CATALOGUE, RATE_NUMERATORS,
} from "./catalogue";
export {
  isNonWorkingDay, workingDaysBetween, inBankHolidayYears, BANK_HOLIDAY_FIRST_YEAR, BANK_HOLIDAY_LAST_YEAR,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from "./bank-holidays";
export { tallyCinEpisodeRows, type CinEpisodeCounts } from "./cin-episode-rows";

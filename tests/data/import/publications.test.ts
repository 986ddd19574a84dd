import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listSourceFiles } from "../../../lib/data/import/import-official";
import { publicationOf } from "../../../lib/data/import/publications";
import { OFFICIAL_DATA_DIR, officialTest } from "../../helpers/official";

describe("publicationOf", () => {
  it("names the publication and publisher from the file name the publisher uses, wherever the file is kept", () => {
    assert.equal(publicationOf("/home/me/downloads/File_11_IoD2019_UTLA.xlsx"), "English Indices of Deprivation 2019, File 11: upper-tier local authority summaries (MHCLG, 26 September 2019)");
    assert.equal(publicationOf("x/LA_Inspection_Outcomes_as_at_31_March_2025.ods"), "Local authority children's services inspection outcomes as at 31 March 2025 (Ofsted)");
    assert.equal(publicationOf("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"), "Children in need, England, reporting years 2013 to 2025 (DfE, Explore Education Statistics)");
    assert.equal(publicationOf("2015__SFR34_CLA2015.csv"), "Children looked after in England (including adoption and care leavers), year ending 31 March 2015: underlying data (DfE SFR34/2015)");
  });
  it("gives undefined for a file no publisher issues", () => {
    assert.equal(publicationOf("my_own_indicators.csv"), undefined);
  });
});

officialTest("every file in the official folder has its publication", () => {
  const missing = listSourceFiles([OFFICIAL_DATA_DIR]).filter((f) => publicationOf(f) === undefined);
  assert.deepEqual(missing, []);
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFratDataset } from "./load-frat.js";

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "frat-"));
  writeFileSync(
    join(dir, "transactions.csv"),
    [
      "WEEK_END_DATE,STORE_NUM,UPC,UNITS,VISITS,HHS,SPEND,PRICE,BASE_PRICE,FEATURE,DISPLAY,TPR_ONLY",
      "2009-01-14,1,10,4,4,4,8,2,,0,0,0",
      "2009-01-21,1,10,5,5,5,7.5,,2,0,0,1",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "products.csv"),
    'UPC,DESCRIPTION,MANUFACTURER,CATEGORY,SUB_CATEGORY,PRODUCT_SIZE\n10,"THING, BIG",ACME,CAT,SUB,1 OZ\n',
  );
  writeFileSync(
    join(dir, "stores.csv"),
    "STORE_ID,STORE_NAME,ADDRESS_CITY_NAME,ADDRESS_STATE_PROV_CODE,MSA_CODE,SEG_VALUE_NAME,PARKING_SPACE_QTY,SALES_AREA_SIZE_NUM,AVG_WEEKLY_BASKETS\n" +
      "1,A,X,OH,1,VALUE,,1,1\n1,A,X,OH,1,UPSCALE,,1,1\n",
  );
  return dir;
}

describe("loadFratDataset", () => {
  it("parses quoted CSV, imputes empty prices and dedupes stores", async () => {
    const d = await loadFratDataset(fixture());
    expect(d.products[0]!.description).toBe("THING, BIG");
    expect(d.stores).toHaveLength(1);
    expect(d.report).toEqual({
      rows: 2,
      imputedPrice: 1,
      imputedBasePrice: 1,
      duplicateStoresDropped: 1,
    });
    expect(d.transactions[1]!.price).toBeCloseTo(1.5);
    expect(d.transactions[0]!.basePrice).toBe(2);
  });

  it("rejects a missing directory with DATA_MISSING", async () => {
    await expect(loadFratDataset("/nonexistent/dir")).rejects.toMatchObject({
      code: "DATA_MISSING",
    });
  });
});

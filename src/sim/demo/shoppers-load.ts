import type { Db } from "../../store/index.js";
import { saveShopperBatch, type ShopperLoad } from "../../store/shoppers/index.js";
import { generateDemoShoppers, type DemoShopperOptions } from "./shoppers.js";

/** Loads the seeded demo shoppers unless this seed's population is already stored (a restart stays quick). */
export function loadDemoShoppers(db: Db, o: DemoShopperOptions = {}): ShopperLoad {
  const origin = `demo-shoppers-seed-${o.seed ?? 1}`;
  if (db.prepare("SELECT 1 FROM shoppers WHERE origin = ? LIMIT 1").get(origin))
    return { shoppers: 0, consents: 0, contacts: 0, experiments: 0 };
  return saveShopperBatch(db, generateDemoShoppers(o).batch);
}

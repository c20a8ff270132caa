import { AutopromoError, InputError } from "../../errors.js";
import { fxRateKind, locationKind, marketKind, productKind, skuAliasKind } from "./catalog.js";
import { competitorPriceKind } from "./competitor-price.js";
import { consumerSignalKind } from "./consumer-signal.js";
import { inventoryKind } from "./inventory.js";
import { plannedPromotionKind } from "./planned-promotion.js";
import { productionKind } from "./production.js";
import { salesKind } from "./sales.js";
import { COMPLETE_JOURNEY_KINDS } from "../ingest/complete-journey/kinds.js";
import { FUTURE_TOLERANCE_DAYS, INGEST_KINDS, type IngestKind, type KindSpec } from "./spec.js";

const SPECS: Record<IngestKind, KindSpec<never>> = {
  sales: salesKind,
  inventory: inventoryKind,
  production: productionKind,
  competitor_price: competitorPriceKind,
  consumer_signal: consumerSignalKind,
  planned_promotion: plannedPromotionKind,
  product: productKind,
  market: marketKind,
  location: locationKind,
  sku_alias: skuAliasKind,
  fx_rate: fxRateKind,
} as Record<IngestKind, KindSpec<never>>;

/** The spec of an ingest kind, or a clear error listing the kinds there are. */
export function kindSpec(kind: string): KindSpec<unknown> {
  // Vendor kinds (cj_*) are stored only by their format's loader, so they stay out of INGEST_KINDS.
  const vendor = Object.hasOwn(COMPLETE_JOURNEY_KINDS, kind)
    ? COMPLETE_JOURNEY_KINDS[kind]
    : undefined;
  if (vendor) return vendor as unknown as KindSpec<unknown>;
  if (!(INGEST_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(
      "UNKNOWN_KIND",
      `unknown kind '${kind}'; expected one of: ${INGEST_KINDS.join(", ")}`,
    );
  }
  const spec = SPECS[kind as IngestKind] as KindSpec<unknown> | undefined;
  if (!spec) throw new AutopromoError("STORE_ERROR", `no spec for kind '${kind}'`);
  return spec;
}

export { FUTURE_TOLERANCE_DAYS, INGEST_KINDS };
export type { IngestKind, KindSpec, TableSpec, SqlValue } from "./spec.js";

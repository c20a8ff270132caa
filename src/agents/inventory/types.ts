/** Stock, production and promotability of one SKU in one market. */
export interface SkuSupply {
  sku: string;
  market: string;
  /** On hand in the market's stores and warehouses. */
  onHand: number;
  inTransit: number;
  /** Mean weekly non-promoted sales in the market. */
  weeklySales: number;
  /** Store stock over store sales (what shelves hold); null when nothing sold. */
  storeWeeksOfCover: number | null;
  /** Production planned and line capacity over the horizon, all plants. */
  plannedUnits: number;
  capacityUnits: number;
  /** Planned production over network demand for the horizon; null without a schedule. */
  supplyRatio: number | null;
  /** Units above target cover and the weeks they would otherwise sit. */
  excessUnits: number;
  excessWeeks: number;
  /** Stock plus planned production a promotion may draw on over `horizonWeeks` (market share of production). */
  availableUnits: number;
  /**
   * This market's share of the production planned for each coming week (oldest first). A week's
   * output reaches the DCs the week after, so a promotion of n weeks can draw on the first n − 1
   * of these besides what is on hand and in transit.
   */
  arrivalsWeekly: number[];
  /**
   * Each store's own stock (on hand and in transit to it) and sales, and what the market's
   * warehouses hold besides: a store's shelf serves only that store, the DC restocks them all.
   */
  storeStock?: StoreStock;
  promotable: boolean;
  /** Why the SKU may not be promoted (shortage), when it may not. */
  reason?: string;
}

/** One SKU's stock store by store (parallel arrays, one entry a store) and in the warehouses. */
export interface StoreStock {
  stores: string[];
  onHand: number[];
  weeklySales: number[];
  /** Coefficient of variation of each store's weekly units (undefined when too few weeks). */
  weeklySalesCv: (number | undefined)[];
  /** On hand and in transit at the market's warehouses: what the DC can send the stores. */
  warehouse: number;
}

/** An event the inventory agent raises: excess stock in a category starts a promotion run on it. */
export interface ExcessStockEvent {
  kind: "excess_stock";
  category: string;
  market: string;
  skus: string[];
  medianWeeksOfCover: number;
  reason: string;
}

export interface InventoryView {
  asOf: string;
  market: string;
  category: string;
  horizonWeeks: number;
  skus: Record<string, SkuSupply>;
  events: ExcessStockEvent[];
}

/** Lines that decide excess and shortage, in weeks of cover and supply ratio. */
export interface InventoryThresholds {
  excessCoverWeeks: number;
  targetCoverWeeks: number;
  shortageCoverWeeks: number;
  shortageSupplyRatio: number;
}

export const DEFAULT_INVENTORY_THRESHOLDS: InventoryThresholds = {
  excessCoverWeeks: 12,
  targetCoverWeeks: 6,
  shortageCoverWeeks: 1,
  shortageSupplyRatio: 0.6,
};

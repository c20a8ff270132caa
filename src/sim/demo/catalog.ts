import type { Location, Market, Product, SkuAlias } from "../../domain/catalog.js";

/** A market plus what the generator needs to know about it (not part of the domain record). */
export interface MarketSpec {
  market: Market;
  /** Demand scale relative to a US-EAST store. */
  scale: number;
  /** Local regular price = USD price × this, then rounded to a .x9 price point. */
  priceFactor: number;
  /** Market-wide ecommerce rows exist only where there is a web shop. */
  hasWebShop: boolean;
  stores: { id: string; name: string; segment: string; sqft: number; size: number }[];
  warehouse: string;
}

export const MARKET_SPECS: readonly MarketSpec[] = [
  {
    market: {
      id: "US-EAST",
      name: "US East",
      region: "North America",
      currency: "USD",
      timeZone: "America/New_York",
      weekEndsOn: "saturday",
    },
    scale: 1,
    priceFactor: 1,
    hasWebShop: true,
    stores: [
      { id: "US-EAST-S01", name: "Brooklyn Flatbush", segment: "urban", sqft: 28_000, size: 1.2 },
      { id: "US-EAST-S02", name: "Newark Broad St", segment: "urban", sqft: 22_000, size: 1 },
      { id: "US-EAST-S03", name: "Cherry Hill", segment: "suburban", sqft: 41_000, size: 1.4 },
      { id: "US-EAST-S04", name: "Allentown", segment: "rural", sqft: 18_000, size: 0.7 },
    ],
    warehouse: "US-EAST-DC1",
  },
  {
    // UK retail weeks end on Sunday, unlike the others: a harmonisation edge on purpose.
    market: {
      id: "UK",
      name: "United Kingdom",
      region: "Europe",
      currency: "GBP",
      timeZone: "Europe/London",
      weekEndsOn: "sunday",
    },
    scale: 0.85,
    priceFactor: 0.85,
    hasWebShop: true,
    stores: [
      { id: "UK-S01", name: "Manchester Piccadilly", segment: "urban", sqft: 24_000, size: 1.1 },
      { id: "UK-S02", name: "Reading Oracle", segment: "suburban", sqft: 30_000, size: 1 },
    ],
    warehouse: "UK-DC1",
  },
  {
    market: {
      id: "DE",
      name: "Germany",
      region: "Europe",
      currency: "EUR",
      timeZone: "Europe/Berlin",
      weekEndsOn: "saturday",
    },
    scale: 0.9,
    priceFactor: 0.97,
    hasWebShop: true,
    stores: [
      { id: "DE-S01", name: "Berlin Friedrichshain", segment: "urban", sqft: 20_000, size: 1 },
      { id: "DE-S02", name: "Köln Ehrenfeld", segment: "urban", sqft: 17_000, size: 0.9 },
    ],
    warehouse: "DE-DC1",
  },
  {
    market: {
      id: "CA",
      name: "Canada (Ontario)",
      region: "North America",
      currency: "CAD",
      timeZone: "America/Toronto",
      weekEndsOn: "saturday",
    },
    scale: 0.8,
    priceFactor: 1.45,
    hasWebShop: false,
    stores: [
      { id: "CA-S01", name: "Toronto Queen West", segment: "urban", sqft: 23_000, size: 1 },
      { id: "CA-S02", name: "Mississauga", segment: "suburban", sqft: 35_000, size: 1.2 },
    ],
    warehouse: "CA-DC1",
  },
];

/** Plants and the categories each one makes. */
export const PLANTS = [
  {
    id: "PLANT-OHIO",
    name: "Columbus plant",
    marketId: "US-EAST",
    categories: ["cereal", "snacks", "personal_care"],
  },
  { id: "PLANT-BREMEN", name: "Bremen plant", marketId: "DE", categories: ["beverages", "frozen"] },
] as const;

/** Yearly seasonality by subcategory: amplitude and the year fraction of the peak. */
export const SEASONALITY: Record<string, { amp: number; peak: number }> = {
  flakes: { amp: 0.06, peak: 0.05 },
  granola: { amp: 0.05, peak: 0.05 },
  chips: { amp: 0.08, peak: 0.55 },
  bars: { amp: 0.1, peak: 0.03 },
  soft_drinks: { amp: 0.2, peak: 0.55 },
  water: { amp: 0.3, peak: 0.56 },
  oral_care: { amp: 0, peak: 0 },
  hair_care: { amp: 0.03, peak: 0.5 },
  frozen_meals: { amp: 0.1, peak: 0.05 },
  ice_cream: { amp: 0.35, peak: 0.56 },
};

type Row = [
  sku: string,
  name: string,
  category: string,
  subcategory: string,
  brand: string,
  pack: string,
  casePack: number,
  priceUsd: number,
  baseUnits: number,
];

/** The assortment: 5 categories × 2 subcategories × 4 SKUs; "Acme Select" is the retailer's own label. */
const ASSORTMENT: readonly Row[] = [
  ["CER-01", "Honey Oat Flakes", "cereal", "flakes", "Morning Field", "500 g", 12, 4.49, 60],
  ["CER-02", "Bran Flakes", "cereal", "flakes", "Morning Field", "750 g", 12, 4.99, 35],
  ["CER-03", "Corn Flakes", "cereal", "flakes", "Acme Select", "500 g", 12, 2.99, 70],
  ["CER-04", "Frosted Flakes", "cereal", "flakes", "Sunny Bowl", "400 g", 12, 4.29, 50],
  ["CER-05", "Crunchy Granola", "cereal", "granola", "Morning Field", "450 g", 8, 5.49, 30],
  ["CER-06", "Fruit & Nut Muesli", "cereal", "granola", "Alpine Start", "750 g", 8, 5.99, 25],
  ["CER-07", "Chocolate Granola", "cereal", "granola", "Sunny Bowl", "400 g", 8, 4.99, 35],
  ["CER-08", "Oat Granola", "cereal", "granola", "Acme Select", "1 kg", 8, 3.99, 40],
  ["SNK-01", "Sea Salt Potato Chips", "snacks", "chips", "Crispin", "150 g", 24, 3.49, 90],
  ["SNK-02", "Salt & Vinegar Chips", "snacks", "chips", "Crispin", "150 g", 24, 3.49, 55],
  ["SNK-03", "Chili Lime Tortilla Chips", "snacks", "chips", "Fiesta Gold", "200 g", 24, 3.99, 40],
  ["SNK-04", "Ridged Potato Chips", "snacks", "chips", "Acme Select", "200 g", 24, 2.49, 65],
  ["SNK-05", "Peanut Protein Bars", "snacks", "bars", "Trailmix Co", "4 × 40 g", 12, 4.99, 30],
  ["SNK-06", "Oat & Honey Bars", "snacks", "bars", "Trailmix Co", "6 × 30 g", 12, 3.99, 45],
  ["SNK-07", "Dark Chocolate Nut Bars", "snacks", "bars", "NutriBite", "5 × 35 g", 12, 4.79, 25],
  ["SNK-08", "Fruit Bars", "snacks", "bars", "Acme Select", "6 × 25 g", 12, 2.79, 40],
  ["BEV-01", "Cola", "beverages", "soft_drinks", "Fizz", "6 × 330 ml", 4, 4.49, 110],
  ["BEV-02", "Diet Cola", "beverages", "soft_drinks", "Fizz", "6 × 330 ml", 4, 4.49, 70],
  ["BEV-03", "Lemon Soda", "beverages", "soft_drinks", "Citra", "1.5 l", 6, 1.99, 45],
  ["BEV-04", "Orange Soda", "beverages", "soft_drinks", "Acme Select", "2 l", 6, 1.49, 50],
  ["BEV-05", "Still Mineral Water", "beverages", "water", "Clearspring", "1.5 l", 12, 0.99, 100],
  ["BEV-06", "Sparkling Mineral Water", "beverages", "water", "Clearspring", "1.5 l", 12, 0.99, 80],
  ["BEV-07", "Alpine Spring Water", "beverages", "water", "Alpen Quelle", "1 l", 12, 1.29, 40],
  ["BEV-08", "Lime Flavoured Water", "beverages", "water", "Acme Select", "500 ml", 12, 0.89, 55],
  [
    "PCR-01",
    "Whitening Toothpaste",
    "personal_care",
    "oral_care",
    "BrightSmile",
    "100 ml",
    24,
    3.49,
    45,
  ],
  [
    "PCR-02",
    "Sensitive Toothpaste",
    "personal_care",
    "oral_care",
    "BrightSmile",
    "75 ml",
    24,
    4.49,
    30,
  ],
  [
    "PCR-03",
    "Soft Toothbrush Twin Pack",
    "personal_care",
    "oral_care",
    "Acme Select",
    "2 pcs",
    24,
    2.49,
    25,
  ],
  ["PCR-04", "Mint Mouthwash", "personal_care", "oral_care", "FreshMint", "500 ml", 12, 5.29, 20],
  ["PCR-05", "Daily Shampoo", "personal_care", "hair_care", "Silkline", "400 ml", 12, 5.99, 30],
  [
    "PCR-06",
    "Repair Conditioner",
    "personal_care",
    "hair_care",
    "Silkline",
    "400 ml",
    12,
    6.49,
    20,
  ],
  [
    "PCR-07",
    "Anti-Dandruff Shampoo",
    "personal_care",
    "hair_care",
    "Scalpo",
    "250 ml",
    12,
    7.99,
    15,
  ],
  ["PCR-08", "2-in-1 Shampoo", "personal_care", "hair_care", "Acme Select", "500 ml", 12, 3.99, 30],
  ["FRZ-01", "Margherita Pizza", "frozen", "frozen_meals", "Napoli Oven", "350 g", 8, 4.99, 50],
  ["FRZ-02", "Pepperoni Pizza", "frozen", "frozen_meals", "Napoli Oven", "380 g", 8, 5.49, 45],
  ["FRZ-03", "Chicken Curry Meal", "frozen", "frozen_meals", "Spice Route", "400 g", 12, 4.49, 30],
  ["FRZ-04", "Vegetable Lasagne", "frozen", "frozen_meals", "Acme Select", "400 g", 12, 3.49, 35],
  ["FRZ-05", "Vanilla Ice Cream", "frozen", "ice_cream", "Polar Dairy", "1 l", 6, 5.99, 35],
  ["FRZ-06", "Chocolate Ice Cream", "frozen", "ice_cream", "Polar Dairy", "1 l", 6, 5.99, 30],
  ["FRZ-07", "Salted Caramel Ice Cream", "frozen", "ice_cream", "Frosty Co", "473 ml", 8, 6.49, 20],
  ["FRZ-08", "Mango Sorbet", "frozen", "ice_cream", "Acme Select", "500 ml", 8, 3.99, 25],
];

/** A product plus the generator's hidden demand level (units per average store-week). */
export interface ProductSpec {
  product: Product;
  subcategory: string;
  baseUnits: number;
}

/** The catalogue in canonical SKU terms, prices and costs in USD. */
export function buildProducts(costShare: (sku: string) => number): ProductSpec[] {
  return ASSORTMENT.map(
    ([sku, name, category, subcategory, brand, packSize, casePack, price, baseUnits]) => ({
      product: {
        sku,
        name: `${brand} ${name} ${packSize}`,
        category,
        subcategory,
        brand,
        manufacturer: brand === "Acme Select" ? "Acme Retail" : `${brand} Inc.`,
        packSize,
        casePack,
        unitCost: Math.round(price * costShare(sku) * 100) / 100,
        regularPrice: price,
        currency: "USD",
      },
      subcategory,
      baseUnits,
    }),
  );
}

/** Stores, one distribution centre per market, and the plants. */
export function buildLocations(): Location[] {
  const out: Location[] = [];
  for (const spec of MARKET_SPECS) {
    for (const s of spec.stores)
      out.push({
        id: s.id,
        name: s.name,
        marketId: spec.market.id,
        kind: "store",
        segment: s.segment,
        salesAreaSqft: s.sqft,
      });
    out.push({
      id: spec.warehouse,
      name: `${spec.market.name} distribution centre`,
      marketId: spec.market.id,
      kind: "warehouse",
      segment: undefined,
      salesAreaSqft: undefined,
    });
  }
  for (const p of PLANTS)
    out.push({
      id: p.id,
      name: p.name,
      marketId: p.marketId,
      kind: "plant",
      segment: undefined,
      salesAreaSqft: undefined,
    });
  return out;
}

/** DE stores sell these waters by the 12-bottle crate, so their POS codes count crates. */
export const CRATE_SKUS: ReadonlySet<string> = new Set(["BEV-05", "BEV-06"]);
export const CRATE_MARKET = "DE";

/** POS codes for every SKU ("POS-1xxx"), plus crate codes ("POS-9xxx", 12 units each). */
export function buildAliases(products: readonly ProductSpec[]): SkuAlias[] {
  const out: SkuAlias[] = products.map((p, i) => ({
    source: "pos",
    code: posCode(i),
    sku: p.product.sku,
    unitsPerCode: 1,
  }));
  products.forEach((p, i) => {
    if (CRATE_SKUS.has(p.product.sku))
      out.push({ source: "pos", code: crateCode(i), sku: p.product.sku, unitsPerCode: 12 });
  });
  return out;
}

export const posCode = (index: number): string => `POS-${1001 + index * 7}`;
export const crateCode = (index: number): string => `POS-${9001 + index}`;

import { describe, expect, it } from "vitest";
import { writtenOffers, writtenWasPrices } from "./offers.js";
import { urgencyPhrasesIn } from "./urgency.js";
import { protectedCategoriesOf } from "./protected-terms.js";

describe("offers written in words", () => {
  it.each([
    ["Buy one, get one FREE", 50],
    ["Now 50% off all cereal", 50],
    ["¡2x1 en cereales!", 50],
    ["Kaufe 3, zahle 1", 66.67],
    ["3 for 2 on cereal", 33.33],
    ["Achetez 2, le 3e offert", 33.33],
    ["Drie halen, twee betalen", 33.33],
    ["Second one half price", 25],
    ["Jetzt -40 %!", 40],
    ["Save up to 60%", 60],
  ])("%s promises %s %", (text, pct) => {
    expect(Math.max(...writtenOffers(text).map((o) => o.pct))).toBe(pct);
  });

  it.each([
    "3 for 5 €",
    "3 for 2.50",
    "Family pack 2 x 375 g",
    "30 % more fibre",
    "-30% sugar",
    "Offerta valida dal 2 al 15 giugno",
    "Snack week",
  ])("%s promises no depth", (text) => {
    expect(writtenOffers(text)).toEqual([]);
  });
});

describe("money written in words, against a 4.00 shelf price", () => {
  it.each([
    ["€2 off", 50],
    ["1,50 € Rabatt", 37.5],
    ["Save $1 on C01", 25],
    ["Müsli jetzt nur 1,99 €", 50.25],
    ["2 for €5", 37.5],
    ["Now €3.20", 20],
  ])("%s promises %s %", (text, pct) => {
    expect(Math.max(...writtenOffers(text, 4).map((o) => o.pct))).toBe(pct);
  });

  it("reads 'was' prices, and no price where there is none", () => {
    expect(writtenWasPrices("Now €3.20 instead of €4.00").map((w) => w.price)).toEqual([4]);
    expect(writtenWasPrices("Müsli 3,20 € statt 4,99 €").map((w) => w.price)).toEqual([4.99]);
    expect(writtenWasPrices("van €4 voor €3").map((w) => w.price)).toEqual([4]);
    expect(writtenWasPrices("was 2 weeks ago; de 2 a 15 de junio; vale de 5 €")).toEqual([]);
  });
});

describe("urgency with numbers and times, and protected words in the markets' languages", () => {
  it.each([
    "Ends tonight!",
    "Only 3 left!",
    "24h only",
    "Corre! Acaba hoje",
    "H.U.R.R.Y",
    "Last 2 days!",
    "Nur noch 2 Stunden",
  ])("%s is urgency", (text) => {
    expect(urgencyPhrasesIn(text).length).toBeGreaterThan(0);
  });

  it.each([
    "Now only 3.20",
    "Only the best oats",
    "3 left turns to the store",
    "Correo de ofertas",
    "Today's Harvest oats",
  ])("%s is not", (text) => {
    expect(urgencyPhrasesIn(text)).toEqual([]);
  });

  it.each([
    "altersgruppe",
    "rentner",
    "retraites",
    "embarazadas",
    "idade_cliente",
    "zwanger",
    "geburtsdatum",
    "minderjaehrig",
    "sozialhilfe_empfaenger",
    "pensionati",
  ])("%s is protected", (attr) => {
    expect(protectedCategoriesOf(attr).length).toBeGreaterThan(0);
  });

  it.each([
    "product_kind",
    "eta_days",
    "alternative_brand",
    "menor_precio",
    "city_paris",
    "origine_produit",
    "canoe_owner",
    "delivery_eta",
  ])("%s is not", (attr) => {
    expect(protectedCategoriesOf(attr)).toEqual([]);
  });
});

/**
 * The protected and vulnerability taxonomy in the other languages of the markets served (German
 * for DE, French for Canada and FR, plus Spanish, Portuguese, Italian and Dutch), written as
 * they fold: accents dropped, lower case. Words that also mean something harmless ("kind" is a
 * type in English, "eta" an arrival time, "menor" a lower price) appear only inside phrases.
 * Terms of six letters or more also match inside compounds ("altersgruppe", "geburtsdatum").
 */
export const PROTECTED_TERMS_I18N: Record<string, readonly string[]> = {
  age: [
    "alter", "alters", "altersgruppe", "altersklasse", "geburt", "geburtsdatum", "geburtsjahr", "senioren", "rentner", "rentnerin", "rente", "ruhestand", "pensionar",
    "tranche d age", "date de naissance", "naissance", "annee de naissance", "retraite", "personne agee", "agee",
    "edad", "fecha de nacimiento", "nacimiento", "jubilado", "jubilada", "tercera edad", "anciano", "anciana",
    "idade", "data de nascimento", "nascimento", "aposentado", "aposentada", "reformado", "idoso", "idosa", "terceira idade",
    "fascia di eta", "fascia eta", "eta cliente", "eta anagrafica", "classe di eta", "data di nascita", "nascita", "pensionato", "pensionata", "anziano", "terza eta",
    "leeftijd", "geboortedatum", "geboorte", "gepensioneerd", "gepensioneerde", "bejaard", "bejaarde",
  ],
  minors: [
    "minderjahrig", "jugendlich", "jugendliche", "kinder", "schuler", "schulkind",
    "mineur", "mineure", "enfant", "adolescent", "ado", "eleve", "collegien", "lyceen",
    "menor de edad", "menores de edad", "nino", "nina", "adolescente",
    "menor de idade", "crianca", "adolescente",
    "minorenne", "bambino", "bambina", "bambini",
    "minderjarig", "kinderen", "tiener", "scholier",
  ],
  health: [
    "gesundheit", "krankheit", "krank", "diabetiker", "diabetes", "ubergewicht", "medikament", "depression", "sucht",
    "sante", "maladie", "malade", "diabete", "diabetique", "obesite", "medicament",
    "salud", "enfermedad", "enfermo", "diabetico", "obesidad", "medicamento",
    "saude", "doenca", "doente", "obesidade",
    "salute", "malattia", "malato", "obesita", "farmaco",
    "gezondheid", "ziekte", "ziek", "diabeet", "overgewicht", "medicijn",
  ],
  pregnancy: [
    "schwanger", "schwangere", "schwangerschaft", "werdende mutter",
    "enceinte", "grossesse", "future maman",
    "embarazada", "embarazo", "futura mama",
    "gravida", "gravidez", "gestante",
    "incinta", "gravidanza",
    "zwanger", "zwangerschap",
  ],
  "financial distress": [
    "schulden", "verschuldet", "arbeitslos", "arbeitslosigkeit", "sozialhilfe", "burgergeld", "hartz", "geringverdiener", "niedriges einkommen", "insolvenz", "pfandung", "inkasso",
    "dette", "endette", "surendettement", "chomage", "chomeur", "faible revenu", "bas revenu", "precarite", "precaire", "aide sociale", "allocataire",
    "deuda", "endeudado", "moroso", "desempleado", "bajos ingresos", "pobreza", "subsidio",
    "divida", "endividado", "inadimplente", "desempregado", "baixa renda", "bolsa familia",
    "debito", "debiti", "indebitato", "disoccupato", "basso reddito", "poverta",
    "schulden", "werkloos", "uitkering", "laag inkomen", "armoede", "bijstand",
  ],
  gambling: [
    "glucksspiel", "spielsucht", "wetten", "sportwetten", "lotto",
    "jeux d argent", "paris sportifs", "pari sportif", "loterie",
    "apuestas", "apostador", "loteria",
    "apostas",
    "scommesse", "scommettitore", "lotteria", "azzardo",
    "gokken", "gokker", "loterij",
  ],
  "ethnicity, religion or language": [
    "ethnie", "ethnisch", "ethnische herkunft", "staatsangehorigkeit", "nationalitat", "migrationshintergrund", "muttersprache", "konfession", "religionszugehorigkeit", "glaube",
    "ethnique", "nationalite", "langue maternelle", "immigre",
    "etnia", "etnico", "raza", "nacionalidad", "lengua materna", "inmigrante", "religion",
    "raca", "nacionalidade", "lingua materna", "religiao", "imigrante",
    "razza", "nazionalita", "lingua madre", "religione", "immigrato",
    "etniciteit", "afkomst", "nationaliteit", "moedertaal", "religie", "geloof", "migrant",
  ],
  disability: [
    "behinderung", "behindert", "rollstuhl", "schwerbehindert",
    "handicape", "fauteuil roulant", "invalidite",
    "discapacidad", "discapacitado", "minusvalido", "silla de ruedas",
    "deficiencia", "deficiente", "cadeirante",
    "disabile", "disabilita", "sedia a rotelle",
    "gehandicapt", "beperking", "rolstoel",
  ],
  "sexual orientation or sex life": ["sexuell", "sexualitat", "schwul", "lesbisch", "orientation sexuelle", "orientacion sexual", "orientacao sexual", "orientamento sessuale", "seksuele geaardheid"],
  "political opinion or union membership": ["gewerkschaft", "parteizugehorigkeit", "syndicat", "syndique", "sindicato", "sindacato", "vakbond"],
  "other vulnerability": ["obdachlos", "witwe", "einsam", "sans abri", "veuve", "isole", "sin hogar", "viuda", "sem abrigo", "viuva", "senzatetto", "vedova", "dakloos", "weduwe", "eenzaam"],
};

/** Location proxies in the same languages: flagged for review, like their English names. */
export const REVIEW_TERMS_I18N: Record<string, readonly string[]> = {
  "location proxy": ["postleitzahl", "plz", "wohnort", "stadtteil", "code postal", "quartier", "codigo postal", "barrio", "cep", "codice postale", "quartiere", "wijk"],
};

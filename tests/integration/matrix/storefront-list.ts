// Authorization matrix rows for the public catalogue list and its search suggestions (see
// tests/integration/authorization-matrix.test.ts): both are public, a signed-in user needs read:catalog (the driver
// gets 403). Filters with unknown values, odd search text and absurd pages still answer 200.
import { NO_ACTION, row, type Cells, type MatrixFeature } from "./rows";

/** A public page: everyone but the driver (no read:catalog) gets 200. */
const PUBLIC: Cells = [200, 200, 200, 200, 403, 200];
const LIST = "routes/catalog._index.tsx";
const SUGGEST = "routes/search.suggest.ts";

// prettier-ignore
export const storefrontListMatrix: MatrixFeature = {
  rows: [
    //  file      method  path                                                                                   anonymous buyer seller operator driver admin
    row(LIST,    "GET",  "/catalog?q=xg&temp=chilled&county=%E5%B0%A4%E6%BA%AA%E5%8E%BF&sort=price_per_kg",       PUBLIC),
    row(LIST,    "GET",  "/catalog?category=mushrooms&stock=in&cert=green_food&seller={missingProduct}",          PUBLIC),
    // Unknown facet values are ignored; a search that finds nothing gets the help, not an error.
    row(LIST,    "GET",  "/catalog?temp=plasma&stock=maybe&cert=%3Cb%3E&seller=not-a-uuid&sort=bogus&page=99999999999", PUBLIC),
    row(LIST,    "GET",  "/catalog?q=%E9%A6%99%E5%A7%91",                                                         PUBLIC),
    row(LIST,    "GET",  "/catalog?q=%25_%00%F0%9F%8D%84%27%20OR%201%3D1--",                                      PUBLIC),
    row(LIST,    "POST", "/catalog?index&q=xg",                                                                   NO_ACTION),
    row(SUGGEST, "GET",  "/search/suggest?q=xg",                                                                  PUBLIC),
    row(SUGGEST, "GET",  "/search/suggest",                                                                       PUBLIC),
    row(SUGGEST, "GET",  "/search/suggest?q=%25%00%3Cscript%3E",                                                  PUBLIC),
    row(SUGGEST, "POST", "/search/suggest?q=xg",                                                                  NO_ACTION),
  ],
};

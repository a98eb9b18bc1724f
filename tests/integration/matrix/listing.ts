// Authorization matrix rows for the listing feature (see tests/integration/authorization-matrix.test.ts).
import type { MatrixFeature } from "./rows";

export const listingMatrix: MatrixFeature = {
  rows: [],
};

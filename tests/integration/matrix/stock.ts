// Authorization matrix rows for the stock feature (see tests/integration/authorization-matrix.test.ts).
import type { MatrixFeature } from "./rows";

export const stockMatrix: MatrixFeature = {
  rows: [],
};

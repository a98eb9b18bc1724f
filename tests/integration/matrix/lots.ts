// Authorization matrix rows for the lots feature (see tests/integration/authorization-matrix.test.ts).
import type { MatrixFeature } from "./rows";

export const lotsMatrix: MatrixFeature = {
  rows: [],
};

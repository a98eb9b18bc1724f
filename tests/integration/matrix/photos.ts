// Authorization matrix rows for the photos feature (see tests/integration/authorization-matrix.test.ts).
import type { MatrixFeature } from "./rows";

export const photosMatrix: MatrixFeature = {
  rows: [],
};

// Authorization matrix rows for the bulk-import feature (see tests/integration/authorization-matrix.test.ts).
import type { MatrixFeature } from "./rows";

export const bulkImportMatrix: MatrixFeature = {
  rows: [],
};

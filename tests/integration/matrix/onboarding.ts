// Authorization matrix rows for the onboarding feature (see tests/integration/authorization-matrix.test.ts).
import type { MatrixFeature } from "./rows";

export const onboardingMatrix: MatrixFeature = {
  rows: [],
};

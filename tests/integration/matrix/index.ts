/** Every feature's rows for the authorization matrix; a new feature adds its file here. */
import type { MatrixFeature } from "./rows";
import { listingMatrix } from "./listing";
import { photosMatrix } from "./photos";
import { stockMatrix } from "./stock";
import { onboardingMatrix } from "./onboarding";
import { lotsMatrix } from "./lots";
import { bulkImportMatrix } from "./bulk-import";
import { storefrontProductMatrix } from "./storefront-product";
import { storefrontListMatrix } from "./storefront-list";
import { checkoutMatrix } from "./checkout";
import { fulfilmentMatrix } from "./fulfilment";
import { deliverySetupMatrix } from "./delivery-setup";
import { notificationsMatrix } from "./notifications";
import { apiMatrix } from "./api";
import { driverAppMatrix } from "./driver-app";
import { routeMapMatrix } from "./route-map";
import { planningMatrix } from "./planning";
import { trunkMatrix } from "./trunk";
import { deliveryProofMatrix } from "./delivery-proof";

export const FEATURES: MatrixFeature[] = [listingMatrix, photosMatrix, stockMatrix, onboardingMatrix, lotsMatrix, bulkImportMatrix, storefrontProductMatrix, storefrontListMatrix, checkoutMatrix, fulfilmentMatrix, deliverySetupMatrix, notificationsMatrix, apiMatrix, trunkMatrix, planningMatrix, routeMapMatrix, driverAppMatrix, deliveryProofMatrix];

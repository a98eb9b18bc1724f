// Any other /api/v1/… path: 404 in the API's error shape (not the site's HTML page), whatever the method.
import { apiError } from "~/modules/api/errors";
import { apiRoute } from "~/modules/api/http.server";

const notFound = apiRoute(async ({ t }) => Promise.reject(apiError(t, "not_found")));

export const loader = notFound;
export const action = notFound;

import { PassThrough, Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { logger } from "~/utils/logger.server";
import { DocumentRequestProvider } from "~/utils/document-request";
import { requestContext } from "~/utils/request-context";

const ABORT_DELAY = 5_000;

/**
 * React 18.3's streaming renderer sometimes flushes a whole 2 KB view buffer when a multi-byte (Chinese)
 * character does not fit in the space left, padding the page with NUL bytes (browsers turn them into
 * "�" inside attributes). HTML never contains NUL legitimately, so they are dropped on the way out;
 * a test compares the result with renderToString.
 */
export function dropNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

// Pages show personal data (names, orders, prices per buyer): unless a route says otherwise (a
// public catalogue page may), no cache anywhere keeps a copy.
function privateByDefault(headers: Headers): void {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

/**
 * Renders the whole document before sending it: pages stream no deferred data, and a complete
 * response is kinder to weak mobile connections than a held-open stream. Remix's inline scripts
 * carry the response's CSP nonce.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = requestContext(loadContext).cspNonce ?? "";
  const requestId = requestContext(loadContext).requestId ?? "";
  return new Promise((resolve, reject) => {
    let status = responseStatusCode;
    const { pipe, abort } = renderToPipeableStream(
      <DocumentRequestProvider value={{ nonce, requestId }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </DocumentRequestProvider>,
      {
        nonce,
        onAllReady() {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          privateByDefault(responseHeaders);
          resolve(new Response(createReadableStreamFromReadable(body.pipe(dropNulBytes())), { headers: responseHeaders, status }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          logger.error({ err: error, url: request.url, requestId: requestContext(loadContext).requestId }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Single-fetch data (`.data`) carries the same personal data as the page: private by default too. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  privateByDefault(response.headers);
  return response;
};

/** Server errors go to the structured log with the request id; users only ever see the generic error page. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // A 404 or 403 is an answer, not a server error.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  logger.error({ err: error, method: request.method, url: request.url, requestId: requestContext(context).requestId }, "unhandled server error");
};

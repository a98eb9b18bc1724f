import { describe, expect, it } from "vitest";
import { markedUrl, uploadOutcome } from "./upload-progress-form";

const ACTION = "https://huming.test/seller/lots/abc";
const REQUEST = markedUrl(ACTION);
const HERE = "https://huming.test/seller/lots/abc";

describe("markedUrl", () => {
  it("adds the marker to the action, keeping its query and dropping a fragment", () => {
    expect(markedUrl("https://huming.test/seller/profile?org=o1#files")).toBe("https://huming.test/seller/profile?org=o1&xhr=1");
    expect(REQUEST).toBe("https://huming.test/seller/lots/abc?xhr=1");
  });
});

describe("uploadOutcome", () => {
  it("offers a retry when the connection dropped (status 0)", () => {
    expect(uploadOutcome({ status: 0, responseURL: "", requestURL: REQUEST, currentURL: HERE })).toEqual({ kind: "retry" });
  });

  it("follows a redirect, as the plain form post would have", () => {
    const responseURL = "https://huming.test/seller/profile?done=uploaded";
    expect(uploadOutcome({ status: 200, responseURL, requestURL: markedUrl("https://huming.test/seller/profile?done=uploaded"), currentURL: "https://huming.test/seller/profile?done=uploaded" })).toEqual({
      kind: "navigate",
      url: responseURL,
    });
  });

  it("follows a redirect to the sign-in page (the session ended)", () => {
    expect(uploadOutcome({ status: 200, responseURL: "https://huming.test/login?redirectTo=%2Fseller%2Flots%2Fabc", requestURL: REQUEST, currentURL: HERE })).toEqual({
      kind: "navigate",
      url: "https://huming.test/login?redirectTo=%2Fseller%2Flots%2Fabc",
    });
  });

  it("adds the fragment to the page navigated to, unless that would only scroll the current page", () => {
    const responseURL = "https://huming.test/seller/lots/abc?uploaded=a.pdf";
    expect(uploadOutcome({ status: 200, responseURL, requestURL: REQUEST, currentURL: HERE, fragment: "attachments" })).toEqual({ kind: "navigate", url: `${responseURL}#attachments` });
    expect(uploadOutcome({ status: 200, responseURL, requestURL: REQUEST, currentURL: `${responseURL}#attachments`, fragment: "attachments" })).toEqual({ kind: "navigate", url: responseURL });
  });

  it("navigates after a redirect even when the page redirected to answers with an error", () => {
    expect(uploadOutcome({ status: 404, responseURL: "https://huming.test/seller/lots/abc?uploaded=a.pdf", requestURL: REQUEST, currentURL: HERE })).toEqual({
      kind: "navigate",
      url: "https://huming.test/seller/lots/abc?uploaded=a.pdf",
    });
  });

  it("falls back to the plain post when the server answered in place (field errors, not found, server error, a 200 page)", () => {
    for (const status of [400, 403, 404, 413, 500, 200]) {
      expect(uploadOutcome({ status, responseURL: REQUEST, requestURL: REQUEST, currentURL: HERE }), String(status)).toEqual({ kind: "fallback" });
    }
  });

  it("falls back when the browser does not report the final URL", () => {
    expect(uploadOutcome({ status: 200, responseURL: "", requestURL: REQUEST, currentURL: HERE })).toEqual({ kind: "fallback" });
  });

  it("offers a retry for a proxy's or an overloaded server's transient answer", () => {
    for (const status of [408, 502, 503, 504]) {
      expect(uploadOutcome({ status, responseURL: REQUEST, requestURL: REQUEST, currentURL: HERE }), String(status)).toEqual({ kind: "retry" });
    }
  });
});

import { PassThrough } from "node:stream";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dropNulBytes } from "./entry.server";

function streamed(element: JSX.Element): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const chunks: Buffer[] = [];
        const out = new PassThrough();
        const cleaned = out.pipe(dropNulBytes());
        cleaned.on("data", (c: Buffer) => chunks.push(c));
        cleaned.on("end", () => resolve(Buffer.concat(chunks)));
        pipe(out);
      },
      onShellError: reject,
    });
  });
}

describe("the document stream", () => {
  it("carries no NUL bytes and equals renderToString, also for long Chinese pages", async () => {
    const page = (
      <ul>
        {Array.from({ length: 400 }, (_, i) => (
          <li key={i} title={`商品目录香菇${i}`}>
            泰宁香菇（光面菇 一级）{i}
          </li>
        ))}
      </ul>
    );
    const bytes = await streamed(page);
    expect(bytes.includes(0)).toBe(false);
    expect(bytes.toString("utf8")).toBe(renderToString(page));
  });
});

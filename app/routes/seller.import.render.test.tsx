/**
 * The import page rendered on the server for each of its states, with Remix's hooks stubbed: what a
 * phone without JavaScript receives (the forms post by themselves; problems as cards below 640 px).
 */
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

const state: { loader: unknown; action: unknown; locale: "zh" | "en" } = { loader: null, action: undefined, locale: "zh" };

vi.mock("@remix-run/react", () => ({
  Form: ({ children, reloadDocument: _r, ...props }: { children: ReactNode; reloadDocument?: boolean } & Record<string, unknown>) => <form {...props}>{children}</form>,
  Link: ({ children, to, prefetch: _p, ...props }: { children: ReactNode; to: string; prefetch?: string } & Record<string, unknown>) => (
    <a href={to} {...props}>
      {children}
    </a>
  ),
  useLoaderData: () => state.loader,
  useActionData: () => state.action,
  useNavigation: () => ({ state: "idle" }),
  useNavigate: () => () => undefined,
  useLocation: () => ({ key: "default", pathname: "/seller/import", search: "" }),
  useRouteLoaderData: () => ({ locale: state.locale }),
}));

const { default: SellerImportPage } = await import("./seller.import");

const base = { title: "x", organizations: [{ id: "o1", name: "泰宁县香菇专业合作社", canPublish: true }], maxMb: 15, maxBytes: 15 * 1024 * 1024 };
const preview = {
  uploadId: "AAAAAAAAAAAAAAAA",
  fileName: "商品导入.xlsx",
  problems: [] as string[],
  issues: [
    { row: 15, rowLabel: "第 15 行", column: "O · 阶梯1单价(元)", message: "价格最多精确到分（两位小数）" },
    { row: 120, rowLabel: "第 120 行", column: "D · 产地县", message: "“福州市”不是三明市的区县" },
  ],
  totalIssues: 2,
  rowsWithIssues: 2,
  counts: { rows: 200, products: 100, packs: 200, rowsWithIssues: 2 },
  products: [] as { rowNumber: number; name: string; secondary: string; packs: string[] }[],
  moreProducts: 0,
  canPublish: true,
};
const render = () => renderToString(<SellerImportPage />);

beforeEach(() => {
  state.action = undefined;
  state.locale = "zh";
});

describe("the import page", () => {
  it("offers the templates and a multipart upload form accepting .xlsx and .csv", () => {
    state.loader = { ...base, view: "upload" };
    const html = render();
    expect(html).toContain('href="/seller/import/template.xlsx"');
    expect(html).toContain('href="/seller/import/template.csv"');
    expect(html).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"|<form[^>]*enctype="multipart\/form-data"[^>]*method="post"/i);
    expect(html).toContain('accept=".xlsx,.csv,');
    expect(html).toContain('name="intent" value="upload"');
    expect(html).not.toContain('name="organizationId"');
  });

  it("shows the summary and each problem as a table row and as a card, without an apply button", () => {
    state.loader = { ...base, view: "preview", preview, notice: null };
    const html = render();
    expect(html).toContain("发现 2 个问题（涉及 2 行）");
    expect(html).toContain('data-products="100"');
    expect(html).toContain('data-errors="2"');
    expect(html.match(/data-row="15"/g)).toHaveLength(2);
    expect(html).toContain("价格最多精确到分（两位小数）");
    expect(html).toContain("修改表格后重新上传");
    expect(html).not.toContain('value="apply"');
  });

  it("offers the import, with 直接上架 for a verified seller, when every row passed", () => {
    state.loader = { ...base, view: "preview", preview: { ...preview, issues: [], totalIssues: 0, rowsWithIssues: 0, products: [{ rowNumber: 3, name: "泰宁香菇", secondary: "Taining shiitake", packs: ["500 g/袋 · ¥48.00 起"] }], moreProducts: 99 }, notice: null };
    const html = render();
    expect(html).toContain('name="intent" value="apply"');
    expect(html).toContain('name="uploadId" value="AAAAAAAAAAAAAAAA"');
    expect(html).toContain('name="publish"');
    expect(html).toContain("导入 100 个商品（200 个规格）");
    expect(html).toContain("……另有 99 个商品");
  });

  it("explains that an unverified seller's products become drafts", () => {
    state.loader = { ...base, view: "preview", preview: { ...preview, issues: [], totalIssues: 0, canPublish: false }, notice: null };
    const html = render();
    expect(html).not.toContain('name="publish"');
    expect(html).toContain("您的机构通过平台审核后才能直接上架");
  });

  it("lists problems with the whole file", () => {
    state.loader = { ...base, view: "preview", preview: { ...preview, issues: [], totalIssues: 0, problems: ["A3:A5 是合并单元格，请取消合并后再上传（共 1 处）。"] }, notice: null };
    const html = render();
    expect(html).toContain("data-import-problems");
    expect(html).toContain("A3:A5 是合并单元格");
    expect(html).not.toContain('value="apply"');
  });

  it("shows the action's message where the upload script finds it", () => {
    state.loader = { ...base, view: "upload" };
    state.action = { formError: "这是 PDF 文件，不是表格。" };
    expect(render()).toMatch(/data-import-error[^>]*>.*这是 PDF 文件/s);
  });

  it("reports the result in English", () => {
    state.locale = "en";
    state.loader = { ...base, view: "done", done: { status: "active", products: 2, packs: 4 } };
    expect(render()).toContain("Imported 2 products with 4 packs, now on sale.");
  });
});

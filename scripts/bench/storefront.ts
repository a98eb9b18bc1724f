/**
 * `npm run bench:storefront [-- --seconds 10 --connections 50 --path /catalog]`
 *
 * Serves the catalogue page (48 listed products) from the production build through `npm start`'s own
 * code (scripts/start.ts, in a child process, signed out as a visitor is), loads it with autocannon,
 * then loads a bare `node:http` server (another child process) that answers with the same bytes, in
 * the same run. Also sums the page's first-load JavaScript, gzipped. Progress on stderr; the last
 * line on stdout is one JSON object.
 * The embedded database in a temporary directory by default; BENCH_DATABASE_URL for a PostgreSQL server.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { openDatabase } from "../../app/utils/db.server";
import { clientDir, ensureBuild, root } from "../lib/build";
import { freePort, startChild, stop, waitFor } from "../lib/serve";

interface Args {
  seconds: number;
  connections: number;
  path: string;
}

const TARGET_PRODUCTS = 48;

function parseArgs(argv: string[]): Args {
  const args: Args = { seconds: 10, connections: 50, path: "/catalog" };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--seconds" && Number(value) > 0) args.seconds = Number(value);
    else if (flag === "--connections" && Number.isInteger(Number(value)) && Number(value) > 0) args.connections = Number(value);
    else if (flag === "--path" && value?.startsWith("/")) args.path = value;
    else throw new Error(`Unknown or bad option ${flag} ${value ?? ""}\nUsage: npm run bench:storefront -- [--seconds 10] [--connections 50] [--path /catalog]`);
    i += 1;
  }
  return args;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** The demo world plus generated listings up to 48 listed products, indexed. */
async function prepareDatabase(url: string | undefined, dataDir: string): Promise<number> {
  const db = await openDatabase({ url, dataDir, migrate: "apply" });
  try {
    const { seedDemo } = await import("../../prisma/seed");
    if ((await db.prisma.organization.count()) === 0) await seedDemo(db.prisma);
    const { LISTED } = await import("../../app/modules/catalog/catalog.server");
    const listed = await db.prisma.product.count({ where: LISTED });
    if (listed < TARGET_PRODUCTS) {
      const { createProduct } = await import("../../tests/factories");
      const { BASES } = await import("../../prisma/seed-data");
      const seller = await db.prisma.organization.findFirstOrThrow({ where: { kind: "cooperative", verificationStatus: "verified", suspendedAt: null }, select: { id: true, county: true } });
      const bases = Object.values(BASES);
      for (let i = listed; i < TARGET_PRODUCTS; i += 1) {
        const base = bases[i % bases.length];
        await createProduct(db.prisma, {
          sellerId: seller.id,
          nameZh: `${base.zh}（${i + 1}号）`,
          nameEn: `${base.en} no. ${i + 1}`,
          category: base.category,
          tempClass: base.temp,
          originCounty: seller.county,
          variants: [{ netWeightGrams: 5000, tiers: [{ minQuantity: 1, unitPriceFen: 9000 + i * 50 }, { minQuantity: 20, unitPriceFen: 8500 + i * 50 }] }],
        });
      }
    }
    return await db.prisma.product.count({ where: LISTED });
  } finally {
    await db.close();
  }
}

interface Load {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, args: Args): Promise<Load> {
  // A short warm-up first (JIT, the page copy), not counted.
  await autocannon({ url, connections: args.connections, duration: 1 });
  const r = await autocannon({ url, connections: args.connections, duration: args.seconds });
  return { rps: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** Gzipped size (KB) of the JavaScript a first visit loads: the entry and route modules the page preloads or imports, and its message table. */
function firstLoadJsKb(html: string): { kb: number; files: number } {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/import\s*\(?\s*"(\/assets\/[^"]+\.js)"/g)) urls.add(m[1]);
  // entry.client loads the page's message table before hydrating (its language; a signed-out visitor's document
  // asks for the public strings only): part of the first load too.
  const lang = /<html[^>]+lang="en"/.test(html) ? "en" : "zh";
  const table = /<html[^>]+data-messages="public"/.test(html) ? new RegExp(`^${lang}-public-[\\w-]+\\.js$`) : new RegExp(`^${lang}-(?!public-)[\\w-]+\\.js$`);
  for (const u of [...urls]) {
    if (!/\/entry\.client-[\w-]+\.js$/.test(u)) continue;
    const source = readFileSync(path.join(clientDir, u), "utf8");
    for (const m of source.matchAll(/import\("\.\/((?:zh|en)-[\w-]+\.js)"\)/g)) if (table.test(m[1])) urls.add(`${path.posix.dirname(u)}/${m[1]}`);
  }
  let bytes = 0;
  for (const u of urls) {
    if (!u.startsWith("/")) continue;
    bytes += gzipSync(readFileSync(path.join(clientDir, u))).length;
  }
  return { kb: Math.round((bytes / 1024) * 10) / 10, files: urls.size };
}

const BARE_SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const body = fs.readFileSync(process.env.BODY_FILE);
http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
  res.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  ensureBuild(log);
  const work = mkdtempSync(path.join(os.tmpdir(), "huming-bench-storefront-"));
  const children: ChildProcess[] = [];
  try {
    const url = process.env.BENCH_DATABASE_URL;
    const dataDir = path.join(work, "pglite");
    log(`preparing the catalogue on ${url ? "PostgreSQL" : "embedded PGlite"}`);
    const products = await prepareDatabase(url, dataDir);
    const port = await freePort();
    const env: Record<string, string | undefined> = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      UPLOADS_DIR: path.join(work, "uploads"),
      SEED_IF_EMPTY: "false",
      ...(url ? { DATABASE_URL: url } : {}),
    };
    // npm start's local quick start (NODE_ENV unset), as a visitor's own machine runs it.
    delete env.NODE_ENV;
    if (!url) delete env.DATABASE_URL;
    const app = startChild([path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], env as NodeJS.ProcessEnv);
    children.push(app);
    const pageUrl = `http://127.0.0.1:${port}${args.path}`;
    await waitFor(`http://127.0.0.1:${port}/healthz`, app);
    const page = await fetch(pageUrl);
    const html = await page.text();
    const cards = new Set([...html.matchAll(/href="\/catalog\/([0-9a-f-]{36})"/g)].map((m) => m[1])).size;
    log(`page ${args.path}: ${page.status}, ${Math.round(html.length / 1024)} KB, ${cards} products linked, Cache-Control: ${page.headers.get("cache-control")}`);
    log(`loading the page: ${args.connections} connections for ${args.seconds} s`);
    const pageLoad = await load(pageUrl, args);
    await stop(app);

    const bodyFile = path.join(work, "page.html");
    writeFileSync(bodyFile, html);
    const barePort = await freePort();
    const bare = startChild(["-e", BARE_SERVER], { ...process.env, PORT: String(barePort), BODY_FILE: bodyFile });
    children.push(bare);
    await waitFor(`http://127.0.0.1:${barePort}/`, bare);
    log("loading the bare node:http server with the same bytes");
    const bareLoad = await load(`http://127.0.0.1:${barePort}/`, args);
    await stop(bare);

    const js = firstLoadJsKb(html);
    const result = {
      path: args.path,
      products,
      productsOnPage: cards,
      database: url ? "postgresql" : "pglite",
      connections: args.connections,
      seconds: args.seconds,
      htmlKb: Math.round(html.length / 102.4) / 10,
      pageRps: pageLoad.rps,
      pageP50Ms: pageLoad.p50Ms,
      pageP99Ms: pageLoad.p99Ms,
      pageNon2xx: pageLoad.non2xx,
      pageErrors: pageLoad.errors,
      bareRps: bareLoad.rps,
      bareP99Ms: bareLoad.p99Ms,
      ratio: Math.round((pageLoad.rps / Math.max(1, bareLoad.rps)) * 1000) / 1000,
      firstLoadJsKb: js.kb,
      firstLoadJsFiles: js.files,
      targets: { ratio: 0.25, pageP99Ms: 100, firstLoadJsKb: 120 },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await Promise.all(children.map(stop));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:storefront failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

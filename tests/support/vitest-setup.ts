import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Uploaded files written by tests (photos, licences, certificates) go to a throwaway folder per test
// file, never into the working tree's .data/uploads. A test that needs its own storage calls setStorage().
// (Always a fresh one: a worker process runs several files one after another.)
const dir = mkdtempSync(path.join(tmpdir(), "hm-uploads-"));
process.env.UPLOADS_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";

describe("WORKER_IN_PROCESS", () => {
  it("defaults to running the job worker inside npm start", () => {
    expect(parseEnv({}).WORKER_IN_PROCESS).toBe(true);
    expect(parseEnv({ WORKER_IN_PROCESS: "" }).WORKER_IN_PROCESS).toBe(true);
  });
  it.each([["false", false], ["0", false], ["no", false], ["true", true], ["1", true]])("%s → %s", (value, expected) => {
    expect(parseEnv({ WORKER_IN_PROCESS: value }).WORKER_IN_PROCESS).toBe(expected);
  });
  it("refuses anything else with a clear message", () => {
    expect(() => parseEnv({ WORKER_IN_PROCESS: "maybe" })).toThrow(EnvError);
    expect(() => parseEnv({ WORKER_IN_PROCESS: "maybe" })).toThrow(/WORKER_IN_PROCESS must be true or false/);
  });
});

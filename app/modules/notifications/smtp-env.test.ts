import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";

const problems = (source: Record<string, string>) => {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    return (error as EnvError).problems;
  }
};

describe("SMTP_URL and MAIL_FROM", () => {
  it("are optional: without them e-mails are logged", () => {
    const e = parseEnv({});
    expect(e.SMTP_URL).toBeUndefined();
    expect(e.MAIL_FROM).toBeUndefined();
  });

  it("accept smtp:// and smtps:// URLs with a sender", () => {
    expect(parseEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587", MAIL_FROM: "沪明直供 <orders@example.com>" }).SMTP_URL).toBe("smtp://user:pass@mail.example.com:587");
    expect(parseEnv({ SMTP_URL: "smtps://mail.example.com:465", MAIL_FROM: "orders@example.com" }).MAIL_FROM).toBe("orders@example.com");
  });

  it.each([
    [{ SMTP_URL: "mail.example.com", MAIL_FROM: "a@b.cn" }, /SMTP_URL is not a URL/],
    [{ SMTP_URL: "http://mail.example.com", MAIL_FROM: "a@b.cn" }, /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    [{ SMTP_URL: "smtp://mail.example.com" }, /MAIL_FROM is required with SMTP_URL/],
    [{ MAIL_FROM: "not an address" }, /MAIL_FROM must be an address/],
    [{ MAIL_FROM: "Name <broken>" }, /MAIL_FROM must be an address/],
  ])("refuses %j", (source, message) => {
    expect(problems(source).join("\n")).toMatch(message);
  });
});

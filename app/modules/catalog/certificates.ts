/** One certificate attached to a lot (绿色食品, 有机, 地理标志, SC 生产许可 …). */
export interface Certificate {
  kind: string;
  number?: string;
  issuer?: string;
}

/** Reads Lot.certificates (JSON) defensively: entries without a kind are dropped, unknown fields ignored. */
export function parseCertificates(json: unknown): Certificate[] {
  if (!Array.isArray(json)) return [];
  const out: Certificate[] = [];
  for (const entry of json) {
    if (!entry || typeof entry !== "object") continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.kind !== "string" || !e.kind) continue;
    out.push({
      kind: e.kind,
      ...(typeof e.number === "string" && e.number ? { number: e.number } : {}),
      ...(typeof e.issuer === "string" && e.issuer ? { issuer: e.issuer } : {}),
    });
  }
  return out;
}

const KNOWN = ["green_food", "organic", "geographical_indication", "sc"] as const;
// Spellings used by the seed and by hand-entered data for the same certificates.
const ALIASES: Record<string, string> = { sc_licence: "sc", sc_license: "sc", geo_indication: "geographical_indication", gi: "geographical_indication" };

/** The catalogue key naming a certificate kind; unknown kinds fall back to "other". */
export function certificateKey(kind: string): `cert.${(typeof KNOWN)[number] | "other"}` {
  const k = ALIASES[kind] ?? kind;
  return (KNOWN as readonly string[]).includes(k) ? (`cert.${k}` as `cert.${(typeof KNOWN)[number]}`) : "cert.other";
}

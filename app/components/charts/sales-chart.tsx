import type { Locale } from "~/utils/i18n/locale";
import { formatDate, formatFen, intlTag, TIME_ZONE } from "~/utils/i18n/format";
import type { T } from "~/utils/i18n/translate";
import { linearScale, linePath, niceTicks, round1, spreadPoints } from "./scale";

/** One product's line: its name and the fen sold in each week. */
export interface ChartSeries {
  key: string;
  name: string;
  weekly: number[];
  totalFen: number;
}

interface Props {
  /** Prefix of the element ids (title, description), unique on the page. */
  id: string;
  title: string;
  /** Week starts (Monday 00:00 Beijing time), oldest first; each series has one value per week. */
  weeks: readonly (Date | string)[];
  series: readonly ChartSeries[];
  totalFen: number;
  locale: Locale;
  t: T;
}

// Colours far apart for colour-blind readers, each with its own marker shape as well.
const COLOURS = ["#1d8266", "#d97706", "#2563eb", "#db2777", "#57534e"] as const;
const MARKERS = ["circle", "square", "triangle", "diamond", "cross"] as const;
type Marker = (typeof MARKERS)[number];

// The drawing in viewBox units; it scales to the card's width (a 360 px phone shows it at ~0.9×).
const W = 340;
const H = 210;
const M = { top: 10, right: 10, bottom: 26, left: 44 };

function MarkerShape({ shape, x, y, colour }: { shape: Marker; x: number; y: number; colour: string }) {
  const r = 3.5;
  switch (shape) {
    case "circle":
      return <circle cx={x} cy={y} r={r} fill={colour} />;
    case "square":
      return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour} />;
    case "triangle":
      return <path d={`M${x} ${round1(y - r - 0.5)} L${round1(x + r + 0.5)} ${round1(y + r)} L${round1(x - r - 0.5)} ${round1(y + r)} Z`} fill={colour} />;
    case "diamond":
      return <path d={`M${x} ${round1(y - r - 0.8)} L${round1(x + r + 0.8)} ${y} L${x} ${round1(y + r + 0.8)} L${round1(x - r - 0.8)} ${y} Z`} fill={colour} />;
    case "cross":
      return <path d={`M${round1(x - r)} ${round1(y - r)} L${round1(x + r)} ${round1(y + r)} M${round1(x + r)} ${round1(y - r)} L${round1(x - r)} ${round1(y + r)}`} stroke={colour} strokeWidth={2} />;
  }
}

/** A legend swatch: the line colour with the series' marker. */
function Swatch({ index }: { index: number }) {
  const colour = COLOURS[index % COLOURS.length];
  return (
    <svg viewBox="0 0 20 10" width="20" height="10" aria-hidden="true" className="shrink-0">
      <path d="M0 5 L20 5" stroke={colour} strokeWidth={2} />
      <MarkerShape shape={MARKERS[index % MARKERS.length]} x={10} y={5} colour={colour} />
    </svg>
  );
}

/**
 * Weekly sales per product as a server-rendered line chart (plain SVG, no script), with a legend and
 * the same figures as a table for screen readers and anyone who prefers numbers.
 */
export function SalesChart({ id, title, weeks, series, totalFen, locale, t }: Props) {
  const weekDates = weeks.map((w) => new Date(w));
  const maxFen = Math.max(0, ...series.flatMap((s) => s.weekly));
  const ticks = niceTicks(maxFen / 100, 4);
  const y = linearScale([0, ticks.at(-1) ?? 1], [H - M.bottom, M.top]);
  const xs = spreadPoints(weekDates.length, M.left + 8, W - M.right - 8);
  const compact = new Intl.NumberFormat(intlTag(locale), { notation: "compact", maximumFractionDigits: 1 });
  const dayMonth = new Intl.DateTimeFormat(intlTag(locale), { timeZone: TIME_ZONE, month: "numeric", day: "numeric" });
  const summary = t("dashboard.sales.summary", { count: series.length, total: formatFen(totalFen, locale) });
  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full max-w-2xl text-stone-500">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={M.left} x2={W - M.right} y1={round1(y(tick))} y2={round1(y(tick))} stroke="#e7e5e4" strokeWidth={1} />
            <text x={M.left - 4} y={round1(y(tick))} dy="0.32em" textAnchor="end" fontSize={10} fill="currentColor">
              ¥{compact.format(tick)}
            </text>
          </g>
        ))}
        {weekDates.map((w, i) => (
          <text key={w.toISOString()} x={round1(xs[i])} y={H - 8} textAnchor="middle" fontSize={10} fill="currentColor">
            {dayMonth.format(w)}
          </text>
        ))}
        {series.map((s, si) => {
          const colour = COLOURS[si % COLOURS.length];
          const points = s.weekly.map((fen, i) => [xs[i], y(fen / 100)] as const);
          return (
            <g key={s.key}>
              <path d={linePath(points)} fill="none" stroke={colour} strokeWidth={2} strokeLinejoin="round" />
              {points.map(([px, py], i) => (
                <MarkerShape key={weekDates[i].toISOString()} shape={MARKERS[si % MARKERS.length]} x={round1(px)} y={round1(py)} colour={colour} />
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700">
        {series.map((s, si) => (
          <li key={s.key} className="flex min-w-0 items-center gap-2">
            <Swatch index={si} />
            <span className="truncate">{s.name}</span>
            <span className="text-stone-500">{formatFen(s.totalFen, locale)}</span>
          </li>
        ))}
      </ul>
      <details className="text-sm">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700">{t("dashboard.sales.table")}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-left tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="whitespace-nowrap py-2 pr-3 font-medium">
                  {t("dashboard.sales.week")}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-2 pr-3 font-medium">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weekDates.map((w, i) => (
                <tr key={w.toISOString()} className="border-b border-stone-100">
                  <th scope="row" className="whitespace-nowrap py-1.5 pr-3 font-normal">
                    {t("dashboard.sales.weekOf", { date: formatDate(w, locale) })}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="whitespace-nowrap py-1.5 pr-3">
                      {formatFen(s.weekly[i] ?? 0, locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" className="py-2 pr-3 font-medium">
                  {t("dashboard.sales.total")}
                </th>
                {series.map((s) => (
                  <td key={s.key} className="whitespace-nowrap py-2 pr-3 font-medium">
                    {formatFen(s.totalFen, locale)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </figure>
  );
}

/**
 * Problems of an import as the seller reads them: file problems and cell issues rendered in the viewer's
 * language, with the column named by its letter in the file and its header. Pure: used by the route in
 * the loader (so the page ships text, not rules) and by tests.
 */
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";
import { columnLabel, type ColumnKey } from "./columns";
import type { FileProblem } from "./sheet";
import type { RowIssue } from "./validate";

/** An issue ready to show: "第 12 行", "H · 单件净重(克)", the message. */
export interface IssueView {
  row: number;
  rowLabel: string;
  column: string;
  message: string;
}

const joiner = (locale: Locale) => (locale === "zh" ? "、" : ", ");

/** A file problem's message with its lists joined in the viewer's language. */
export function describeProblem(problem: FileProblem, t: T, locale: Locale): string {
  const params = { ...(problem.params ?? {}) };
  if (problem.columns) params.columns = problem.columns.map((c) => columnLabel(c, locale)).join(joiner(locale));
  if (problem.items) params.items = problem.items.join(joiner(locale));
  return t(problem.key, params);
}

/** The column of an issue: its letter in this file and its header, e.g. "H · 单件净重(克)". */
export function describeColumn(column: ColumnKey | null, letters: Partial<Record<ColumnKey, string>>, t: T, locale: Locale): string {
  if (!column) return t("import.errors.wholeRow");
  const letter = letters[column];
  return letter ? `${letter} · ${columnLabel(column, locale)}` : columnLabel(column, locale);
}

export function describeIssue(issue: RowIssue, letters: Partial<Record<ColumnKey, string>>, t: T, locale: Locale): IssueView {
  return {
    row: issue.row,
    rowLabel: t("import.errors.rowN", { row: issue.row }),
    column: describeColumn(issue.column, letters, t, locale),
    message: t(issue.key, issue.params),
  };
}

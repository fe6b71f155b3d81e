import Papa from "papaparse";

/**
 * A CSV file for download: a byte-order mark so spreadsheet programs read the Chinese as UTF-8,
 * and every cell that starts like a formula (= + - @, tab, carriage return) prefixed with ' so a
 * name or title typed by a user never runs as a formula in the reader's spreadsheet.
 */
export function csvDocument(fields: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${Papa.unparse({ fields: [...fields], data: rows.map((r) => [...r]) }, { escapeFormulae: true })}\r\n`;
}

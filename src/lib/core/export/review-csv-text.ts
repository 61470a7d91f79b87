import Papa from 'papaparse';
import { csvColumns, type CsvRow } from './review-csv';

/**
 * The CSV text: a header row, then one row per answer, lines ended by CRLF (RFC 4180).
 * Values that a spreadsheet would run as a formula (starting with =, +, - or @) are
 * prefixed with a quote mark, so opening the file never runs anything.
 */
export function reviewLogCsv(rows: readonly CsvRow[]): string {
  return Papa.unparse(
    { fields: [...csvColumns], data: rows.map((row) => csvColumns.map((c) => row[c])) },
    { newline: '\r\n', escapeFormulae: true }
  );
}

/**
 * A small CSV reader (RFC 4180): comma-separated cells, a header row, cells in double quotes
 * may hold commas, line breaks and doubled quotes (`"a ""b"""` is `a "b"`); LF or CRLF line
 * ends; blank lines are skipped. Every row remembers the line it starts on, for messages.
 */
import { DataError } from '../errors.js';

/** A parsed CSV file: the header, the data rows as strings, and the line each row starts on. */
export type CsvTable = Readonly<{
  /** Column names from the first row. */
  header: readonly string[];
  /** Data rows, each with one cell per header column. */
  rows: readonly (readonly string[])[];
  /** The 1-based line of the file each data row starts on. */
  lines: readonly number[];
}>;

/** Options of {@link parseCsv}. */
export type CsvOptions = Readonly<{
  /** Name of the file in messages (default `'csv'`). */
  source?: string;
  /** Cell separator, one character (default `','`; `';'` and `'\t'` are common too). */
  delimiter?: string;
}>;

/** Split CSV text into a header and rows of cells; throws a DataError naming the line of a broken row. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const source = options.source ?? 'csv';
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
    throw new DataError(source, {}, 'a one-character delimiter other than a quote or line break', JSON.stringify(delimiter));
  const records: string[][] = [];
  const starts: number[] = [];
  let row: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // skip a byte-order mark
  const endRow = (): void => {
    row.push(cell);
    cell = '';
    if (!(row.length === 1 && row[0]?.trim() === '')) {
      records.push(row);
      starts.push(rowLine);
    }
    row = [];
  };
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') {
      if (cell.trim() !== '')
        throw new DataError(
          source,
          { row: line, rowLabel: 'line', column: row.length + 1 },
          'a quote only at the start of a cell',
          `a quote after '${cell}'`,
        );
      cell = '';
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted)
    throw new DataError(
      source,
      { row: quoteLine, rowLabel: 'line' },
      'a closing quote for the quoted cell opened here',
      'the end of the file',
    );
  if (cell !== '' || row.length > 0) endRow();
  const [header, ...rows] = records;
  if (header === undefined) throw new DataError(source, {}, 'a header row and at least one data row', 'an empty file');
  const names = header.map((h) => h.trim());
  names.forEach((name, j) => {
    if (name === '')
      throw new DataError(
        source,
        { row: starts[0] as number, rowLabel: 'line', column: j + 1 },
        'a column name in the header',
        'an empty cell',
      );
    const first = names.indexOf(name);
    if (first !== j)
      throw new DataError(source, { row: starts[0] as number, rowLabel: 'line', column: name }, 'distinct column names', `'${name}' twice`);
  });
  rows.forEach((r, k) => {
    if (r.length !== names.length)
      throw new DataError(
        source,
        { row: starts[k + 1] as number, rowLabel: 'line' },
        `${names.length} cells (one per header column)`,
        `${r.length}`,
      );
  });
  return { header: names, rows, lines: starts.slice(1) };
}

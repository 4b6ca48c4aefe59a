import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { parseCsv } from './csv.js';
import { fromCsv, fromRecords } from './from-table.js';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
  throw new Error('expected a DataError');
};

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, quoted line breaks, CRLF, a BOM and blank lines', () => {
    const table = parseCsv('\uFEFFname,"note, with comma",n\r\n"a ""b""","line1\nline2",1\r\n\r\nc,,2\n');
    expect(table.header).toEqual(['name', 'note, with comma', 'n']);
    expect(table.rows).toEqual([
      ['a "b"', 'line1\nline2', '1'],
      ['c', '', '2'],
    ]);
    expect(table.lines).toEqual([2, 5]);
    expect(parseCsv('a;b\n1;2', { delimiter: ';' }).rows).toEqual([['1', '2']]);
  });

  it('names the line of broken rows', () => {
    expect(message(() => parseCsv('a,b\n1,2\n3\n', { source: 'd.csv' }))).toBe(
      'd.csv (line 3): expected 2 cells (one per header column), got 1',
    );
    expect(message(() => parseCsv('a,b\n1,"2\n', { source: 'd.csv' }))).toBe(
      'd.csv (line 2): expected a closing quote for the quoted cell opened here, got the end of the file',
    );
    expect(message(() => parseCsv('a,a\n1,2', { source: 'd.csv' }))).toBe(
      "d.csv (line 1, column 'a'): expected distinct column names, got 'a' twice",
    );
    expect(message(() => parseCsv('', { source: 'd.csv' }))).toBe(
      'd.csv: expected a header row and at least one data row, got an empty file',
    );
  });
});

describe('fromCsv', () => {
  const csv = ['x,y,label', ...Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2 === 0 ? 'cat' : '"dog"'}`)].join('\n');

  it('turns a categorical target column into class indices and keeps the names', () => {
    const task = fromCsv(csv, { target: 'label', source: 'pets.csv', validation: 0.25, test: 0.25 });
    expect(task.id).toBe('pets.csv');
    expect(task.problem).toBe('classification');
    expect(task.classNames).toEqual(['cat', 'dog']);
    expect(task.inputNames).toEqual(['x', 'y']);
    expect(task.train.x.shape).toEqual([10, 2]);
    for (const s of [task.train, task.validation, task.test]) {
      // x even ⇔ cat (class 0)
      for (let r = 0; r < s.y.size; r++) expect(s.y.data[r]).toBe((s.x.data[r * 2] as number) % 2);
    }
  });

  it('needs problem for a numeric target and honours features', () => {
    expect(message(() => fromCsv(csv, { target: 'y', source: 'pets.csv', features: ['x'] }))).toBe(
      "pets.csv (column 'y'): expected problem: 'classification' (class indices) or 'regression' (values) for a numeric target column, got no problem",
    );
    const task = fromCsv(csv, { target: 'y', features: ['x'], problem: 'regression', source: 'pets.csv' });
    expect(task.inputShape).toEqual([1]);
    expect(task.outputSize).toBe(1);
    expect(fromCsv(csv, { target: 'y', features: ['x'], problem: 'classification' }).outputSize).toBe(3);
  });

  it('names the line and column of bad cells', () => {
    expect(message(() => fromCsv('a,b,t\n1,2,x\n3,oops,y\n', { target: 't', source: 'd.csv' }))).toBe(
      "d.csv (line 3, column 'b'): expected a number, got 'oops'",
    );
    expect(message(() => fromCsv('a,t\n1,x\n,y\n', { target: 't', source: 'd.csv' }))).toBe(
      "d.csv (line 3, column 'a'): expected a number, got an empty cell",
    );
    expect(message(() => fromCsv('a,t\n1,x\n2,y\n', { target: 'label', source: 'd.csv' }))).toBe(
      "d.csv (column 'label'): expected a target column, one of 'a', 't', got no such column",
    );
    expect(message(() => fromCsv('a,t\n1,x\n2,\n', { target: 't', source: 'd.csv', validation: 0, test: 0 }))).toBe(
      "d.csv (line 3, column 't'): expected a class name, got an empty cell",
    );
    expect(message(() => fromCsv('a,t\n1,1\n2,x\n', { target: 't', source: 'd.csv', problem: 'regression' }))).toBe(
      "d.csv (line 3, column 't'): expected a number (problem 'regression'), got 'x'",
    );
  });
});

describe('fromRecords', () => {
  it('reads JSON records and names the record of a bad value', () => {
    const records = Array.from({ length: 10 }, (_, i) => ({ a: i, b: i * 2, t: i * 3 }));
    const task = fromRecords(records, { target: 't', problem: 'regression', source: 'd.json', validation: 0.2, test: 0 });
    expect(task.train.x.shape).toEqual([8, 2]);
    expect(
      message(() =>
        fromRecords(
          [
            { a: 1, t: 'x' },
            { a: 'no', t: 'y' },
          ],
          { target: 't', source: 'd.json' },
        ),
      ),
    ).toBe("d.json (record 1, column 'a'): expected a number, got 'no'");
    expect(message(() => fromRecords({ a: 1 }, { target: 't', source: 'd.json' }))).toBe(
      'd.json: expected a non-empty array of records ({ column: value } objects), got object',
    );
  });
});

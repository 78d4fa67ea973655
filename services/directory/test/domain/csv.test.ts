import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CsvError, parseCsv } from '../../src/domain/csv';

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    const t = parseCsv('name,notes\r\n"Sato, Takeshi","said ""hi""\nthen left"\r\nBudi,\n');
    expect(t.header).toEqual(['name', 'notes']);
    expect(t.rows).toEqual([
      ['Sato, Takeshi', 'said "hi"\nthen left'],
      ['Budi', ''],
    ]);
  });

  it('takes semicolons when the header uses them', () => {
    expect(parseCsv('name;role\nBudi;lo').rows).toEqual([['Budi', 'lo']]);
  });

  it('skips blank lines and reads a last line without a newline', () => {
    expect(parseCsv('a,b\n\n1,2').rows).toEqual([['1', '2']]);
  });

  it('says where a quoted field is left open', () => {
    expect(() => parseCsv('a\n"x\n')).toThrow(CsvError);
  });

  it('refuses an empty file', () => expect(() => parseCsv('')).toThrow(CsvError));

  it('reads back what a writer quoted (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', 'é', '1') });
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = ['x,y', ...rows.map((r) => r.map(quote).join(','))].join('\r\n');
        const parsed = parseCsv(text).rows;
        const expected = rows.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
        expect(parsed).toEqual(expected);
      }),
    );
  });
});

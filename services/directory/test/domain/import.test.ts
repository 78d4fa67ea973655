import { describe, expect, it } from '@jest/globals';
import { csvToRows, validateRows } from '../../src/domain/import';

describe('import rows', () => {
  it('turn dotted CSV columns into nested fields and words into booleans', () => {
    const { rows, fileErrors } = csvToRows('externalId,name,role,consent.sms,arrival.at,languages\nG1,Ani,lo,ya,2027-03-01T09:00:00+07:00,en;ar\n');
    expect(fileErrors).toEqual([]);
    expect(rows[0]).toEqual({ externalId: 'G1', name: 'Ani', role: 'lo', consent: { sms: true }, arrival: { at: '2027-03-01T09:00:00+07:00' }, languages: ['en', 'ar'] });
  });

  it('refuse unknown and repeated columns before any row', () => {
    const { fileErrors } = csvToRows('name,role,nmae,role\n');
    expect(fileErrors.map((e) => e.message)).toEqual([expect.stringContaining('unknown column "nmae"'), expect.stringContaining('appears twice')]);
  });

  it('report each bad row with its number and field, and keep the good ones', () => {
    const { good, errors } = validateRows([
      { externalId: 'A', name: 'Ani', role: 'guest' },
      { externalId: 'B', name: 'Bob', role: 'guest', phone: '12' },
      { name: 'No key', role: 'guest' },
      { externalId: 'A', name: 'Again', role: 'guest' },
      { email: 'x@y.org', name: 'Xu', role: 'guest' },
    ]);
    expect(good.map((g) => g.row)).toEqual([1, 5]);
    expect(errors).toEqual([
      { row: 2, path: 'phone', message: expect.stringContaining('E.164') },
      { row: 3, path: 'externalId', message: expect.stringContaining('externalId or an email') },
      { row: 4, path: 'externalId', message: 'repeats the externalId of row 1' },
    ]);
  });

  it('report rows with more cells than columns', () => {
    const { rows } = csvToRows('externalId,name,role\nA,Ani,guest,extra\n');
    expect(validateRows(rows).errors[0]).toMatchObject({ row: 1, message: expect.stringContaining('more cell') });
  });
});

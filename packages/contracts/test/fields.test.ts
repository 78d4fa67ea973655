// The contracts' schemas on their own (as an event consumer loads them, without the kit): English
// messages, the project's own messages at the same checks, and the normalising fields.
import { describe, expect, it } from '@jest/globals';
import * as directory from '../src/directory';
import { Person, profileSettings, SlaTarget } from '../src/directory';
import { CONTRACTS } from '../src/events';
import * as fields from '../src/fields';
import { Email, IsoDateTime, Phone, Text } from '../src/fields';

const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('contract field schemas', () => {
  it("read zod's English messages without the kit having set them", () => {
    expect(issues(Person.safeParse({}))?.slice(0, 2)).toEqual([
      ['id', 'Invalid input: expected string, received undefined'],
      ['name', 'Invalid input: expected string, received undefined'],
    ]);
  });

  it('keep their own messages at the same checks', () => {
    expect(issues(Text(5).safeParse('   '))).toEqual([['', 'must not be empty']]);
    expect(issues(Text(5).safeParse(' abcdef '))).toEqual([['', 'must be at most 5 characters']]);
    expect(issues(SlaTarget.safeParse({ ackMinutes: 60, resolveMinutes: 60 }))).toEqual([['ackMinutes', 'ackMinutes must be less than resolveMinutes']]);
    expect(issues(profileSettings().coalesceMinutes.safeParse(1.5))).toEqual([['', 'must be a whole number of minutes']]);
    expect(issues(profileSettings().retentionDays.safeParse('30'))).toEqual([['', 'must be a number']]);
    expect(issues(Phone.safeParse('0812 3456'))).toEqual([['', 'must be a phone number in E.164 form, e.g. +6281234567890']]);
    expect(issues(IsoDateTime.safeParse('2027-03-02T09:00'))).toEqual([['', 'must be an ISO 8601 date-time with an offset, e.g. 2027-03-02T09:00:00+07:00']]);
  });

  it('normalise what they accept: text trimmed, seconds added, phone digits only, email lower-cased', () => {
    expect(Text(5).parse(' abc ')).toBe('abc');
    expect(IsoDateTime.parse('2027-03-02T09:00+07:00')).toBe('2027-03-02T09:00:00+07:00');
    expect(Phone.parse('+62 (812) 3456-7890')).toBe('+6281234567890');
    expect(Email.parse(' Budi@Example.ORG ')).toBe('budi@example.org');
  });
});

describe("the directory's records", () => {
  const schemaType = (v: unknown): string | null => (typeof v === 'object' && v !== null && '_zod' in v ? (v as { _zod: { def: { type: string } } })._zod.def.type : null);

  it('are built on first use: every schema of their own is an enum or z.lazy, and so is every event data schema of every service', () => {
    const fieldSchemas = new Set<unknown>(Object.values(fields));
    const exported = Object.entries(directory).filter(([, v]) => schemaType(v) !== null && !fieldSchemas.has(v));
    const eager = exported.filter(([, v]) => !['enum', 'lazy'].includes(schemaType(v)!)).map(([name]) => name);
    const eagerData = Object.entries(CONTRACTS)
      .filter(([, c]) => schemaType(c.data) !== 'lazy')
      .map(([type]) => type);
    expect(exported.map(([name]) => name)).toEqual(expect.arrayContaining(['Person', 'Party', 'Assignment', 'EventProfile', 'Consent', 'Travel', 'SlaTarget']));
    expect({ eager, eagerData }).toEqual({ eager: [], eagerData: [] });
  });

  it('build their objects once, so a structural use and the lazy record share one schema', () => {
    expect(directory.personObject()).toBe(directory.personObject());
    expect(directory.personObject()).toBe(Person._zod.innerType);
    expect(directory.partyObject()).toBe(directory.Party._zod.innerType);
    expect(profileSettings()).toBe(profileSettings());
  });
});

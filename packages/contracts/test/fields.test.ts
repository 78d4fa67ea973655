// The contracts' schemas on their own (as an event consumer loads them, without the kit): English
// messages, the project's own messages at the same checks, and the normalising fields.
import { describe, expect, it } from '@jest/globals';
import { Person, ProfileSettings, SlaTarget } from '../src/directory';
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
    expect(issues(ProfileSettings.coalesceMinutes.safeParse(1.5))).toEqual([['', 'must be a whole number of minutes']]);
    expect(issues(ProfileSettings.retentionDays.safeParse('30'))).toEqual([['', 'must be a number']]);
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

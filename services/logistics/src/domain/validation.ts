// Rules across fields of a logistics record, checked on the record as it would be written (after a
// patch is merged), as field errors a 422 names: order of times and dates, capacities, people listed
// twice, times without an offset. Field-by-field rules live in the contracts' schemas.
import type { FieldError } from '@liaison/kit/errors';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** ISO date-time that names its offset (`Z` or `+07:00`), so that it is one instant wherever it is read. */
export function hasOffset(s: string): boolean {
  return WITH_OFFSET.test(s) && !Number.isNaN(Date.parse(s));
}

function time(errors: FieldError[], path: string, value: string): number | null {
  if (hasOffset(value)) return Date.parse(value);
  errors.push({ path, message: 'must be an ISO 8601 date-time with an offset, e.g. 2027-03-02T09:00:00+07:00' });
  return null;
}

/** `end` strictly after `start`, both with offsets; the error names `endPath`. */
function ordered(errors: FieldError[], [startPath, start]: [string, string], [endPath, end]: [string, string]): void {
  const a = time(errors, startPath, start);
  const b = time(errors, endPath, end);
  if (a !== null && b !== null && b <= a) errors.push({ path: endPath, message: `must be after ${startPath}` });
}

/** Each id once; the error names the second and later places a repeated id appears. */
function unique(errors: FieldError[], path: string, ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) errors.push({ path: `${path}.${i}`, message: `lists ${what} ${id} twice` });
    seen.add(id);
  });
}

function atLeastOne(errors: FieldError[], path: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) errors.push({ path, message: 'must be a whole number of at least 1' });
}

export interface TripFields {
  departAt: string;
  arriveBy: string;
  passengerIds: readonly string[];
}

export function tripErrors(t: TripFields): FieldError[] {
  const errors: FieldError[] = [];
  ordered(errors, ['departAt', t.departAt], ['arriveBy', t.arriveBy]);
  unique(errors, 'passengerIds', t.passengerIds, 'person');
  return errors;
}

export function vehicleErrors(v: { capacity: number }): FieldError[] {
  const errors: FieldError[] = [];
  atLeastOne(errors, 'capacity', v.capacity);
  return errors;
}

export interface StayFields {
  checkIn: string;
  checkOut: string;
  roomCapacity: number;
  personIds: readonly string[];
}

export function stayErrors(s: StayFields): FieldError[] {
  const errors: FieldError[] = [];
  const inOk = DATE.test(s.checkIn);
  const outOk = DATE.test(s.checkOut);
  if (!inOk) errors.push({ path: 'checkIn', message: 'must be a date as YYYY-MM-DD' });
  if (!outOk) errors.push({ path: 'checkOut', message: 'must be a date as YYYY-MM-DD' });
  // Same-length dates compare as strings.
  if (inOk && outOk && s.checkOut <= s.checkIn) errors.push({ path: 'checkOut', message: 'must be after checkIn' });
  atLeastOne(errors, 'roomCapacity', s.roomCapacity);
  unique(errors, 'personIds', s.personIds, 'person');
  return errors;
}

export interface SessionFields {
  startsAt: string;
  endsAt: string;
  attendeePartyIds: readonly string[];
}

export function sessionErrors(s: SessionFields): FieldError[] {
  const errors: FieldError[] = [];
  ordered(errors, ['startsAt', s.startsAt], ['endsAt', s.endsAt]);
  unique(errors, 'attendeePartyIds', s.attendeePartyIds, 'party');
  return errors;
}

export interface MeetingFields extends SessionFields {
  attendeeIds: readonly string[];
  minutes?: { actionItems: readonly { dueAt: string | null }[] } | null;
}

export function meetingErrors(m: MeetingFields): FieldError[] {
  const errors = sessionErrors(m);
  unique(errors, 'attendeeIds', m.attendeeIds, 'person');
  m.minutes?.actionItems.forEach((item, i) => {
    if (item.dueAt !== null) time(errors, `minutes.actionItems.${i}.dueAt`, item.dueAt);
  });
  return errors;
}

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { routeTicket, type LoAssignment } from '../../src/domain/assignment';
import { at, T0 } from './fixtures';

const a = (id: string, loId: string, target: { personId?: string; partyId?: string }, from: string | null = null, to: string | null = null): LoAssignment => ({
  id,
  loId,
  personId: target.personId ?? null,
  partyId: target.partyId ?? null,
  from,
  to,
});
const reporter = { reporterId: 'per_guest', partyId: 'pty_jp' };

describe('routing a new ticket', () => {
  it("goes to the LO assigned to the reporter in person before the party's LO", () => {
    const r = routeTicket(reporter, [a('asg_party', 'per_lo_party', { partyId: 'pty_jp' }), a('asg_person', 'per_lo_vip', { personId: 'per_guest' })], T0);
    expect(r).toEqual({ assigneeId: 'per_lo_vip', escalationLevel: 0, via: 'person', assignmentId: 'asg_person' });
  });

  it("goes to the party's LO when nobody is assigned to the reporter", () => {
    const r = routeTicket(reporter, [a('asg_other', 'per_lo2', { personId: 'per_someone' }), a('asg_party', 'per_lo_party', { partyId: 'pty_jp' })], T0);
    expect(r).toMatchObject({ assigneeId: 'per_lo_party', via: 'party', escalationLevel: 0 });
  });

  it('goes to the organisers, at level 1, when no assignment is in force', () => {
    const r = routeTicket(reporter, [a('asg_old', 'per_lo', { partyId: 'pty_jp' }, null, T0), a('asg_later', 'per_lo', { personId: 'per_guest' }, at(1))], T0);
    expect(r).toEqual({ assigneeId: null, escalationLevel: 1, via: 'organisers', assignmentId: null });
  });

  it('ignores party assignments for a reporter without a party', () => {
    expect(routeTicket({ reporterId: 'per_guest', partyId: null }, [a('asg_party', 'per_lo', { partyId: 'pty_jp' })], T0).via).toBe('organisers');
  });

  it('treats an assignment as in force from its start, up to but not at its end', () => {
    const window = [a('asg', 'per_lo', { personId: 'per_guest' }, at(0), at(60))];
    expect(routeTicket(reporter, window, at(0)).assigneeId).toBe('per_lo');
    expect(routeTicket(reporter, window, at(59)).assigneeId).toBe('per_lo');
    expect(routeTicket(reporter, window, at(60)).assigneeId).toBeNull();
  });

  it('picks the assignment that started last when two are in force, whatever the order they are read in (property)', () => {
    const assignments = [
      a('asg_b', 'per_lo_b', { partyId: 'pty_jp' }, at(-120)),
      a('asg_a', 'per_lo_a', { partyId: 'pty_jp' }, null),
      a('asg_c', 'per_lo_c', { partyId: 'pty_jp' }, at(-30)),
      a('asg_d', 'per_lo_d', { partyId: 'pty_jp' }, at(-30)),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(assignments, { minLength: assignments.length }), (shuffled) => {
        expect(routeTicket(reporter, shuffled, T0).assignmentId).toBe('asg_c');
      }),
    );
  });
});

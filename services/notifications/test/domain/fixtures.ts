// Contract-valid records and events for the domain tests: everything goes through the contracts' zod
// schemas, so a test cannot pass on an event no publisher could send.
import { Assignment, CONTRACTS, Meeting, Stay, TicketRef, Trip, VehicleRef, type DomainEvent, type EventType } from '@liaison/contracts';

const STAMPS = { version: 1, createdAt: '2027-02-01T08:00:00+07:00', updatedAt: '2027-02-01T08:00:00+07:00' };
let seq = 0;
const nextId = (prefix: string) => `${prefix}_${++seq}`;

export const ctx = { timeZone: 'Asia/Jakarta', languages: ['id', 'en'] as const };

export function vehicle(over: Partial<VehicleRef> = {}): VehicleRef {
  return VehicleRef.parse({ id: nextId('veh'), label: 'Bus 3', plate: 'B 1234 XY', driver: { name: 'Pak Budi', phone: '+6281298765432' }, ...over });
}

export function trip(over: Partial<Trip> = {}): Trip {
  return Trip.parse({
    id: nextId('trp'),
    kind: 'pickup',
    from: 'Soekarno-Hatta T3',
    to: 'Hotel Mulia',
    departAt: '2027-03-02T09:00:00+07:00',
    arriveBy: '2027-03-02T10:30:00+07:00',
    vehicleId: null,
    loId: 'lo_1',
    passengerIds: ['p_1', 'p_2'],
    status: 'scheduled',
    ...STAMPS,
    ...over,
  });
}

export function stay(over: Partial<Stay> = {}): Stay {
  return Stay.parse({ id: nextId('sty'), hotel: 'Hotel Mulia', room: '1204', personIds: ['p_1'], roomCapacity: 2, checkIn: '2027-03-01', checkOut: '2027-03-04', ...STAMPS, ...over });
}

export function meeting(over: Partial<Meeting> = {}): Meeting {
  return Meeting.parse({
    id: nextId('mtg'),
    title: 'Rapat koordinasi',
    startsAt: '2027-03-02T14:00:00+07:00',
    endsAt: '2027-03-02T15:00:00+07:00',
    location: 'Ruang Nusantara',
    attendeePartyIds: ['pty_1'],
    attendeeIds: ['p_1'],
    agenda: [],
    minutes: null,
    status: 'scheduled',
    ...STAMPS,
    ...over,
  });
}

export function ticket(over: Partial<TicketRef> = {}): TicketRef {
  return TicketRef.parse({
    id: nextId('tkt'),
    kind: 'request',
    category: 'transport',
    severity: 'medium',
    subject: 'Jemputan terlambat',
    status: 'open',
    reporterId: 'p_1',
    partyId: 'pty_1',
    assigneeId: 'lo_1',
    ackDueAt: '2027-03-02T10:00:00+07:00',
    resolveDueAt: '2027-03-03T09:00:00+07:00',
    escalationLevel: 0,
    ...over,
  });
}

export function assignment(over: Partial<Assignment> = {}): Assignment {
  return Assignment.parse({ id: nextId('asg'), loId: 'lo_1', partyId: 'pty_1', personId: null, from: null, to: null, version: 1, createdAt: STAMPS.createdAt, ...over });
}

/** An event whose data the contract has parsed (defaults and normalisation applied). */
export function event<T extends EventType>(type: T, data: unknown): DomainEvent<T> {
  return {
    id: nextId('evt'),
    type,
    version: CONTRACTS[type].version,
    occurredAt: '2027-03-01T20:00:00+07:00',
    source: CONTRACTS[type].owner,
    correlationId: 'test',
    data: CONTRACTS[type].data.parse(data),
  } as DomainEvent<T>;
}

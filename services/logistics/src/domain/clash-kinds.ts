// The kinds of clash, in a module of their own: the request schemas name them (schemas.ts is in every
// cold start), the detection code in clashes.ts loads only with the routes that use it.
export const HARD_CLASH_KINDS = [
  'vehicle_double_booked',
  'vehicle_over_capacity',
  'person_double_booked',
  'person_two_rooms',
  'room_over_capacity',
  'lo_double_booked',
] as const;
export const SOFT_CLASH_KINDS = ['missing_pickup', 'missing_room', 'missing_departure'] as const;
export const CLASH_KINDS = [...HARD_CLASH_KINDS, ...SOFT_CLASH_KINDS] as const;
export type HardClashKind = (typeof HARD_CLASH_KINDS)[number];
export type SoftClashKind = (typeof SOFT_CLASH_KINDS)[number];
export type ClashKind = HardClashKind | SoftClashKind;

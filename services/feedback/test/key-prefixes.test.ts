// Every partition the feedback store writes (pk and index partitions) is under one of feedback's
// prefixes in the kit's registry, so no other owner can read or overwrite its items.
import { describe, expect, it } from '@jest/globals';
import { RATING_SUMMARY_KEYS, TICKET_KINDS, TICKET_STATUSES } from '@liaison/contracts';
import { ownerOf } from '@liaison/kit/ddb/prefixes';
import { keys, ticketPartitions } from '../src/store/keys';

describe('feedback key prefixes', () => {
  it('are all feedback-owned in the registry', () => {
    const partitions = [
      keys.ticket('tkt_1').pk,
      keys.ticketCopy('tkt_1', 'event').pk,
      keys.comment('tkt_1', '2027-03-02T02:00:00.000Z', 'cmt_1').pk,
      keys.rating('per_1', 'lo', 'per_2').pk,
      ...RATING_SUMMARY_KEYS.map((by) => keys.ratingSummary(by, 'x').pk),
      ...TICKET_STATUSES.map(ticketPartitions.byStatus),
      ...TICKET_KINDS.map(ticketPartitions.byKind),
      ticketPartitions.byAssignee('per_1'),
      ticketPartitions.byAssignee(null),
      ticketPartitions.byParty('pty_1'),
      ticketPartitions.byReporter('per_1'),
      ticketPartitions.escalates,
      ticketPartitions.running,
      ticketPartitions.all,
    ];
    for (const pk of partitions) expect([pk, ownerOf(pk)]).toEqual([pk, 'feedback']);
  });
});

// Keys of the items the directory derives from people and writes in the same transaction as the
// person: word-prefix search tokens and the sharded member counters of parties. Only the directory
// reads them (other services read people through @liaison/directory-read).
//
//   item                  pk             sk                gsi1, gsi2, gsi3 (search: one token in each)
//   search tokens         PERSON#<id>    SEARCH#<n>        PEOPLE#SEARCH#<first char of token> / <token> <personId>
//                         attributes: personId, role, partyId, shared1..3 (see domain/text.ts searchTokens:
//                         lists each person once per query). The person's externalId and email guards
//                         (UNIQUE#PERSON#…) carry the first tokens the same way; items SEARCH#0, 1, … the rest.
//   member-count shard    PARTY#<id>     MEMBERS#<n>       (n < MEMBER_SHARDS; attribute `members`; the party's
//                         member count is the sum of its shards; a shard alone may be negative)
//
// Tokens hold no spaces, so `begins_with(gsiNsk, prefix)` over `<token> <personId>` is a prefix match on
// the token alone. A token partition per first character keeps one busy letter from holding all writes.
import type { Key } from '@liaison/kit/ddb/table';

/** Shards of a party's member counter: parallel import chunks each add to one, so they rarely wait on each other. */
export const MEMBER_SHARDS = 8;

export const derivedKeys = {
  searchTokens: (personId: string, n: number): Key => ({ pk: `PERSON#${personId}`, sk: `SEARCH#${n}` }),
  memberShard: (partyId: string, shard: number): Key => ({ pk: `PARTY#${partyId}`, sk: `MEMBERS#${shard}` }),
};

export const MEMBER_SHARD_PREFIX = 'MEMBERS#';

/** The gsi1 key of a search token, and the partition a query prefix is looked up in. */
export const searchIndex = {
  partition: (tokenOrPrefix: string): string => `PEOPLE#SEARCH#${[...tokenOrPrefix][0] ?? ''}`,
  sort: (token: string, personId: string): string => `${token} ${personId}`,
};

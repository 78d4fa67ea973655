// The summit's profile (name, time zone, languages, quiet hours, the settings other services read):
// one item, replaced whole by PUT, guarded by its version. Read back with defaults applied.
import type { EventProfile } from '@liaison/contracts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getProfile } from '@liaison/directory-read';
import { ddb } from '@liaison/kit/ddb/client';
import { StaleVersionError } from '@liaison/kit/errors';
import { keys } from './keys';

/** What PUT stores: the profile as given, optional settings left out when not given (defaults apply when read). */
export type StoredProfile = Omit<EventProfile, 'sla' | 'reminderMinutes' | 'coalesceMinutes' | 'retentionDays'> &
  Partial<Pick<EventProfile, 'reminderMinutes' | 'coalesceMinutes' | 'retentionDays'>> & { sla?: Partial<EventProfile['sla']> };

export async function findProfile(tableName: string, consistent = false): Promise<EventProfile | null> {
  return getProfile(tableName, { consistent });
}

/** Writes `profile` (at `version`) if the stored one is still at `version - 1` (or absent for version 1). */
export async function putProfile(tableName: string, profile: StoredProfile): Promise<void> {
  const isNew = profile.version === 1;
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.profile(), ...profile },
        ConditionExpression: isNew ? 'attribute_not_exists(pk)' : '#v = :prev',
        ...(isNew ? {} : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':prev': profile.version - 1 } }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) {
      const current = (err.Item as { version?: { N?: string } } | undefined)?.version?.N;
      throw new StaleVersionError(profile.version - 1, current === undefined ? null : Number(current));
    }
    throw err;
  }
}

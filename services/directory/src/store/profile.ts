// The event profile: one item, replaced whole by PUT, guarded by its version.
import type { EventProfile } from '@liaison/contracts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { getItem } from '@liaison/kit/ddb/table';
import { StaleVersionError } from '@liaison/kit/errors';
import { keys } from './keys';

export async function findEventProfile(tableName: string, consistent = false): Promise<EventProfile | null> {
  const item = await getItem(tableName, keys.eventProfile(), consistent);
  if (!item) return null;
  const { pk: _pk, sk: _sk, ...profile } = item;
  return profile as EventProfile;
}

/** Writes `profile` (at `version`) if the stored one is still at `version - 1` (or absent for version 1). */
export async function putEventProfile(tableName: string, profile: EventProfile): Promise<void> {
  const isNew = profile.version === 1;
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.eventProfile(), ...profile },
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

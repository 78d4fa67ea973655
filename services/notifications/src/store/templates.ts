// Templates as the service uses them: a stored override (`PUT /templates/{key}`) over the built-in
// default of an automatic key, per language. Read on every send, so a container keeps what it read for
// up to a minute (by the clock); a PUT in the same container is seen at once.
//
//   item  pk TEMPLATE#<key>  sk TEMPLATE  gsi1 TEMPLATES / <key>   { templateKey, texts: {id?, en?}, version, updatedAt, updatedBy }
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '@liaison/kit/clock';
import { ddb } from '@liaison/kit/ddb/client';
import { decodeCursor, encodeCursor } from '@liaison/kit/ddb/cursor';
import { getItem, transact, type Item } from '@liaison/kit/ddb/table';
import { StaleVersionError, ValidationError } from '@liaison/kit/errors';
import { AUTOMATIC_KEYS, AUTOMATIC_TEMPLATES, checkTemplate, isAutomaticKey, templateVariables, type TemplateTexts } from '../domain/templates';
import { keys, partitions } from './keys';

export interface Template {
  templateKey: string;
  /** Bound to an event: only `variables` may be used. Broadcast templates are not. */
  automatic: boolean;
  /** What an automatic key's event carries; for a broadcast template, what its texts use. */
  variables: string[];
  /** What is used: the stored texts over the defaults, per language. */
  texts: TemplateTexts;
  /** The built-in texts (automatic keys only). */
  defaults: TemplateTexts | null;
  /** False while the built-in default is used as it is. */
  custom: boolean;
  /** 0 until first stored; `If-Match: "0"` means "only if nobody stored it yet". */
  version: number;
  updatedAt: string | null;
}

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; template: Template }>();

/** Forgets what this container read (tests; a PUT forgets its own key). */
export function clearTemplateCache(): void {
  cache.clear();
}

function defaultsOf(key: string): TemplateTexts | null {
  return isAutomaticKey(key) ? { ...AUTOMATIC_TEMPLATES[key].defaults } : null;
}

function usedVariables(texts: TemplateTexts): string[] {
  const all = Object.values(texts).flatMap((t) => (t ? [...templateVariables(t.subject ?? ''), ...templateVariables(t.body)] : []));
  return [...new Set(all)];
}

function toTemplate(key: string, item: Item | null): Template | null {
  const defaults = defaultsOf(key);
  if (!item && !defaults) return null;
  const stored = (item?.texts as TemplateTexts | undefined) ?? {};
  const texts: TemplateTexts = { ...defaults, ...stored };
  return {
    templateKey: key,
    automatic: isAutomaticKey(key),
    variables: isAutomaticKey(key) ? [...AUTOMATIC_TEMPLATES[key].variables] : usedVariables(texts),
    texts,
    defaults,
    custom: item !== null,
    version: (item?.version as number | undefined) ?? 0,
    updatedAt: (item?.updatedAt as string | undefined) ?? null,
  };
}

/** The template for a key: stored override else built-in default; null for an unknown broadcast key. */
export async function getTemplate(tableName: string, key: string, opts: { fresh?: boolean } = {}): Promise<Template | null> {
  const now = clock.nowMs();
  const hit = cache.get(key);
  if (!opts.fresh && hit && now - hit.at < CACHE_MS) return hit.template;
  const template = toTemplate(key, await getItem(tableName, keys.template(key), opts.fresh));
  // An unknown key is not remembered: a template stored a moment later (in another container) is used at once.
  if (template) cache.set(key, { at: now, template });
  else cache.delete(key);
  return template;
}

/**
 * Stores the texts of a key (languages left out keep their default, or stay absent on a broadcast
 * template). With `expectedVersion`, only if the stored version is still that one (0: not stored yet).
 * Throws ValidationError (422) for a variable the key's event does not carry, StaleVersionError (412).
 */
export async function putTemplate(
  tableName: string,
  key: string,
  texts: TemplateTexts,
  expectedVersion?: number,
  by: string | null = null,
): Promise<Template> {
  const errors = checkTemplate(key, texts);
  if (!texts.id && !texts.en) errors.push({ path: '', message: 'must give the texts of at least one language (id, en)' });
  if (errors.length > 0) throw new ValidationError(errors);

  const updatedAt = clock.iso();
  const condition =
    expectedVersion === undefined
      ? undefined
      : expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
  await transact(
    [
      {
        Update: {
          TableName: tableName,
          Key: keys.template(key),
          UpdateExpression: 'SET templateKey = :key, texts = :texts, updatedAt = :at, updatedBy = :by, gsi1pk = :list, gsi1sk = :key, #version = if_not_exists(#version, :zero) + :one',
          ...condition,
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: {
            ':key': key,
            ':texts': texts,
            ':at': updatedAt,
            ':by': by,
            ':list': partitions.templates,
            ':zero': 0,
            ':one': 1,
            ...condition?.ExpressionAttributeValues,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
    (reasons) => {
      const r = reasons[0];
      if (r?.code !== 'ConditionalCheckFailed') return null;
      return new StaleVersionError(expectedVersion ?? 0, r.item ? ((r.item.version as number | undefined) ?? 0) : null);
    },
  );
  cache.delete(key);
  return (await getTemplate(tableName, key, { fresh: true })) as Template;
}

const LIST_BINDING = 'templates';

/**
 * One page of every template in key order: stored ones (by index, never a scan) merged with the
 * defaults of automatic keys nobody stored. The cursor is the last key given.
 */
export async function listTemplates(tableName: string, page: { limit?: number; cursor?: string } = {}): Promise<{ items: Template[]; nextCursor: string | null }> {
  const limit = page.limit ?? 50;
  const after = page.cursor ? String(decodeCursor(page.cursor, LIST_BINDING, ['after']).after) : '';
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: after ? 'gsi1pk = :p AND gsi1sk > :after' : 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partitions.templates, ...(after ? { ':after': after } : {}) },
      Limit: limit + 1,
    }),
  );
  const stored = (out.Items ?? []) as Item[];
  // The stored page is complete up to its last key; defaults past it wait for a later page.
  const storedComplete = stored.length <= limit && !out.LastEvaluatedKey;
  const lastStored = stored.length > 0 ? String(stored[stored.length - 1]?.templateKey) : null;
  const storedKeys = new Set(stored.map((i) => String(i.templateKey)));
  const defaults = AUTOMATIC_KEYS.filter((k) => k > after && !storedKeys.has(k) && (storedComplete || (lastStored !== null && k < lastStored)));
  const merged = [...stored.map((i) => toTemplate(String(i.templateKey), i) as Template), ...defaults.map((k) => toTemplate(k, null) as Template)].sort((a, b) =>
    a.templateKey < b.templateKey ? -1 : a.templateKey > b.templateKey ? 1 : 0,
  );
  const items = merged.slice(0, limit);
  const more = merged.length > limit || !storedComplete;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ after: last.templateKey }, LIST_BINDING) : null };
}

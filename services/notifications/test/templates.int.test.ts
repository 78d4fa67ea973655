// The templates store against DynamoDB Local: built-in defaults until someone stores an override,
// versioned conditional writes (a stale or racing PUT loses, a refused one writes nothing), a list that
// merges stored and built-in templates page by page, and a per-container cache bounded by the clock.
import { afterEach, describe, expect, it } from '@jest/globals';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clockControl } from '@liaison/kit/clock';
import { ddb } from '@liaison/kit/ddb/client';
import { StaleVersionError, ValidationError } from '@liaison/kit/errors';
import { scanTable, useOwnTable } from '../../../test/support/int';
import { AUTOMATIC_KEYS, AUTOMATIC_TEMPLATES } from '../src/domain/templates';
import { keys } from '../src/store/keys';
import { clearTemplateCache, getTemplate, listTemplates, putTemplate, type Template } from '../src/store/templates';

// Its own table: the list test needs to know every template stored.
useOwnTable();
const table = () => process.env.LIAISON_TABLE_NAME as string;

afterEach(() => {
  clockControl.reset();
  clearTemplateCache();
});

describe('getTemplate', () => {
  it('gives the built-in default of an automatic key nobody stored, and nothing for an unknown broadcast key', async () => {
    const t = await getTemplate(table(), 'trip.changed');
    expect(t).toMatchObject({ templateKey: 'trip.changed', automatic: true, custom: false, version: 0, updatedAt: null });
    expect(t?.texts).toEqual(AUTOMATIC_TEMPLATES['trip.changed'].defaults);
    expect(t?.variables).toEqual([...AUTOMATIC_TEMPLATES['trip.changed'].variables]);
    expect(await getTemplate(table(), 'never.stored')).toBeNull();
  });

  it('keeps what it read for up to a minute by the clock, then reads again', async () => {
    clockControl.freeze(new Date('2027-03-02T00:00:00Z'));
    await putTemplate(table(), 'cache.probe', { en: { body: 'first {{x}}' } });
    expect((await getTemplate(table(), 'cache.probe'))?.texts.en?.body).toBe('first {{x}}');
    // Another container stores a new text: this one does not see it until its copy is a minute old.
    await ddb.send(new UpdateCommand({ TableName: table(), Key: keys.template('cache.probe'), UpdateExpression: 'SET texts = :t', ExpressionAttributeValues: { ':t': { en: { body: 'second' } } } }));
    clockControl.advance(59_000);
    expect((await getTemplate(table(), 'cache.probe'))?.texts.en?.body).toBe('first {{x}}');
    clockControl.advance(2_000);
    expect((await getTemplate(table(), 'cache.probe'))?.texts.en?.body).toBe('second');
  });

  it('does not remember that a key is unknown: a template stored by another container is used at once', async () => {
    clockControl.freeze(new Date('2027-03-02T00:00:00Z'));
    expect(await getTemplate(table(), 'late.key')).toBeNull();
    await ddb.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.template('late.key'),
        UpdateExpression: 'SET templateKey = :k, texts = :t, version = :v',
        ExpressionAttributeValues: { ':k': 'late.key', ':t': { en: { body: 'now here' } }, ':v': 1 },
      }),
    );
    expect((await getTemplate(table(), 'late.key'))?.texts.en?.body).toBe('now here');
  });
});

describe('putTemplate', () => {
  it('overrides one language of an automatic key and keeps the default of the other; the same container sees it at once', async () => {
    await getTemplate(table(), 'trip.scheduled'); // cached as the default
    const stored = await putTemplate(table(), 'trip.scheduled', { en: { subject: 'Ride {{time}}', body: 'Your ride: {{time}}, {{from}} → {{to}}.' } }, 0, 'org_1');
    expect(stored).toMatchObject({ custom: true, version: 1, automatic: true });
    expect(stored.updatedAt).toEqual(expect.any(String));
    const read = (await getTemplate(table(), 'trip.scheduled')) as Template;
    expect(read.texts.en).toEqual({ subject: 'Ride {{time}}', body: 'Your ride: {{time}}, {{from}} → {{to}}.' });
    expect(read.texts.id).toEqual(AUTOMATIC_TEMPLATES['trip.scheduled'].defaults.id);
    expect(read.defaults).toEqual(AUTOMATIC_TEMPLATES['trip.scheduled'].defaults);
  });

  it('refuses a variable the event does not carry with a 422 naming it, and writes nothing', async () => {
    const before = await scanTable(table());
    const err = await putTemplate(table(), 'trip.cancelled', { id: { body: 'Batal {{time}} gerbang {{gate}}' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).status).toBe(422);
    expect((err as ValidationError).errors).toEqual([{ path: 'id.body', message: expect.stringContaining('{{gate}}') }]);
    await expect(putTemplate(table(), 'some.broadcast', {})).rejects.toBeInstanceOf(ValidationError);
    expect(await scanTable(table())).toEqual(before);
  });

  it('writes only on the version it was given: a stale one is a 412 with the current version, and nothing changes', async () => {
    const v1 = await putTemplate(table(), 'welcome.dinner', { id: { body: 'Makan malam di {{venue}}' } });
    expect(v1.version).toBe(1);
    const stale = await putTemplate(table(), 'welcome.dinner', { id: { body: 'lain' } }, 0).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect(stale).toMatchObject({ status: 412, expected: 0, current: 1 });
    const v2 = await putTemplate(table(), 'welcome.dinner', { id: { body: 'Makan malam pukul {{time}}' }, en: { body: 'Dinner at {{time}}' } }, 1);
    expect(v2).toMatchObject({ version: 2, variables: ['time'] });
    await expect(putTemplate(table(), 'welcome.dinner', { id: { body: 'x' } }, 1)).rejects.toMatchObject({ status: 412, current: 2 });
    expect((await getTemplate(table(), 'welcome.dinner', { fresh: true }))?.texts.id?.body).toBe('Makan malam pukul {{time}}');
    // Without a version it overwrites, still counting versions.
    expect((await putTemplate(table(), 'welcome.dinner', { en: { body: 'Dinner' } })).version).toBe(3);
  });

  it('lets exactly one of racing writes on the same version win', async () => {
    await putTemplate(table(), 'race.key', { en: { body: 'start' } });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => putTemplate(table(), 'race.key', { en: { body: `writer ${i}` } }, 1)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof StaleVersionError)).toBe(true);
    const winner = (won[0] as PromiseFulfilledResult<Template>).value;
    expect((await getTemplate(table(), 'race.key', { fresh: true }))?.texts.en?.body).toBe(winner.texts.en?.body);
  });
});

describe('listTemplates', () => {
  it('pages through stored templates and the defaults nobody stored, in key order, each once', async () => {
    await putTemplate(table(), 'a.first', { en: { body: 'A' } });
    await putTemplate(table(), 'ticket.resolved', { en: { body: 'Done: {{title}}' } });
    await putTemplate(table(), 'zz.last', { id: { body: 'Z' } });
    const seen: Template[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await listTemplates(table(), { limit: 4, cursor });
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const stored = ['a.first', 'cache.probe', 'race.key', 'trip.scheduled', 'welcome.dinner', 'ticket.resolved', 'zz.last'];
    const expected = [...new Set([...AUTOMATIC_KEYS, ...stored])].sort();
    expect(seen.map((t) => t.templateKey)).toEqual(expected);
    expect(seen.filter((t) => t.custom).map((t) => t.templateKey).sort()).toEqual([...stored].sort());
    expect(seen.find((t) => t.templateKey === 'ticket.resolved')?.texts.en?.body).toBe('Done: {{title}}');
  });

  it('refuses a cursor it did not give out', async () => {
    await expect(listTemplates(table(), { limit: 4, cursor: 'made-up.cursor' })).rejects.toMatchObject({ status: 400 });
  });
});

// The export's record lines: every attribute value DynamoDB stores comes back from its JSON line as it
// was, and what cannot be read back is refused with the reason.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { answerBytes, fromJson, headerLine, parseLine, recordLine, RecordFormatError, toJson, type AttributeValue, type StoredItem } from '../src/domain/records';

const leaf: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.string().map((S) => ({ S })),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0))).map((n) => ({ N: String(n) })),
  fc.bigInt({ min: -(10n ** 37n), max: 10n ** 37n }).map((n) => ({ N: n.toString() })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true as const }),
  fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
  fc.uniqueArray(fc.integer().map(String), { minLength: 1, maxLength: 4 }).map((NS) => ({ NS })),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((B) => ({ B })),
);
const value: fc.Arbitrary<AttributeValue> = fc.letrec<{ v: AttributeValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('$ss', '$m', '$n', '$b')), tie('v'), { maxKeys: 3 }).map((M) => ({ M })),
  ),
})).v;

describe('record lines', () => {
  it('give back every attribute value as it was stored (sets, binary, big numbers, maps with $ keys)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value, { maxKeys: 5 }), (attrs) => {
        const item: StoredItem = { ...attrs, pk: { S: 'PERSON#p1' }, sk: { S: 'PERSON' } };
        const parsed = parseLine(recordLine('person', item).trimEnd());
        expect(parsed).toEqual({ type: 'record', kind: 'person', item });
      }),
    );
  });

  it('keep an attribute named __proto__ as an attribute, in a map too (fast-check found it lost)', () => {
    const item = JSON.parse('{"pk":{"S":"PERSON#p1"},"sk":{"S":"PERSON"},"__proto__":{"L":[]},"m":{"M":{"__proto__":{"S":"x"}}}}') as StoredItem;
    const line = recordLine('person', item);
    expect(JSON.parse(line).item).toHaveProperty(['__proto__']);
    expect(parseLine(line.trimEnd())).toEqual({ type: 'record', kind: 'person', item });
    const parsed = parseLine(line.trimEnd()) as { item: StoredItem };
    expect(Object.getOwnPropertyNames(parsed.item)).toContain('__proto__');
    expect(Object.getOwnPropertyNames((parsed.item.m as { M: object }).M)).toEqual(['__proto__']);
  });

  it('write plain JSON for what JSON can say, so a reader needs no DynamoDB knowledge', () => {
    const line = recordLine('person', { pk: { S: 'PERSON#p1' }, sk: { S: 'PERSON' }, version: { N: '3' }, consent: { M: { sms: { BOOL: true } } }, tags: { L: [{ S: 'vip' }] } });
    expect(JSON.parse(line)).toEqual({ kind: 'person', item: { pk: 'PERSON#p1', sk: 'PERSON', version: 3, consent: { sms: true }, tags: ['vip'] } });
  });

  it('tag a number that a JS number would round, instead of rounding it', () => {
    expect(toJson({ N: '12345678901234567890' })).toEqual({ $n: '12345678901234567890' });
    expect(fromJson({ $n: '12345678901234567890' })).toEqual({ N: '12345678901234567890' });
  });

  it('refuse lines that are not records, naming why', () => {
    expect(() => parseLine('{not json')).toThrow(new RecordFormatError('not JSON'));
    expect(() => parseLine('{"item":{}}')).toThrow('no kind');
    expect(() => parseLine('{"kind":"person","item":{"pk":"PERSON#1"}}')).toThrow('no string pk and sk');
    expect(() => parseLine('{"kind":"person","item":{"pk":"P","sk":"S","x":{"$zz":1}}}')).toThrow('unknown tag $zz');
    expect(parseLine(headerLine().trimEnd())).toEqual({ type: 'header', format: 'liaison-export/1' });
  });

  it('count a line as the Lambda answer carries it (escaped inside a JSON string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const line = `${JSON.stringify({ kind: 'x', item: { pk: s } })}\n`;
        expect(answerBytes(line)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(line), 'utf8') - 2);
      }),
    );
  });
});

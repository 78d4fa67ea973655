// The AWS query protocol (SNS): a form-encoded POST with `Action` and `Version`, answered in XML. Only what
// our calls need: flat parameters in, and the text of named elements out.
import { awsRequest, uriEncode, type AwsService, type RequestOptions } from './request';

export interface QueryService extends AwsService {
  /** The API version every request names: SNS `2010-03-31`. */
  version: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its entities (named and numeric) decoded. */
export function xmlDecode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** The inner XML of every `<tag>` element (not nested in one of the same name), in order. */
export function xmlElements(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>|<${tag}(?:\\s[^>]*)?/>`, 'g');
  for (const m of xml.matchAll(re)) out.push(m[1] ?? '');
  return out;
}

/** The decoded text of the first `<tag>` element, or undefined. */
export function xmlText(xml: string, tag: string): string | undefined {
  const inner = xmlElements(xml, tag)[0];
  return inner === undefined ? undefined : xmlDecode(inner);
}

/** `Error/Code` and `Error/Message` of a query-protocol error answer. */
function errorOf(status: number, _headers: unknown, body: string) {
  const error = xmlElements(body, 'Error')[0] ?? '';
  return { code: xmlText(error, 'Code') ?? '', message: xmlText(error, 'Message') ?? '', requestId: xmlText(body, 'RequestId') };
}

/** Calls `action` with `params` (already flattened: `Entries.member.1.Id`); answers the XML of a success. */
export async function queryCall(service: QueryService, action: string, params: Record<string, string>, opts?: RequestOptions): Promise<string> {
  const body = Object.entries({ Action: action, Version: service.version, ...params })
    .map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`)
    .join('&');
  return awsRequest(
    { service, action, method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body, errorOf },
    opts,
  );
}

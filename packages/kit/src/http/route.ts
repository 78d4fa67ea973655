// Route specs: method, path, who may call, and the zod schemas of params, query, body and answers.
// One table of these per service drives the Lambda router, the API Gateway routes (infra), the
// local runtime (through the synthesized template) and the OpenAPI document.
import type { $ZodObject, $ZodType } from 'zod/v4/core';

export const ROLES = ['organizer', 'lo', 'guest'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type BodyType = 'application/json' | 'text/csv';

export interface ResponseSpec {
  description: string;
  schema?: $ZodType;
  /** Media type of the body; default `application/json`. */
  contentType?: string;
  /** Headers the answer carries (name → what it says), for the document. */
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path, e.g. `/people/{personId}`. */
  path: string;
  summary: string;
  description?: string;
  /** `public`: no token; otherwise the roles that may call it at all (finer checks live in the handler). */
  access: 'public' | readonly Role[];
  params?: $ZodObject;
  query?: $ZodObject;
  body?: $ZodType;
  /** Content types the body may have; default JSON only. `text/csv` bodies reach the handler as text. */
  accepts?: readonly BodyType[];
  /** Largest body accepted, in bytes; default 256 KiB. */
  maxBodyBytes?: number;
  /** A creating POST that honours `Idempotency-Key`. */
  idempotent?: boolean;
  /** Answers by status; the first 2xx is the success answer. */
  responses: Record<number, ResponseSpec>;
}

export type RouteTable = Record<string, RouteSpec>;

/** Identity helper that keeps the literal types of a spec for handler inference. */
export function route<const S extends RouteSpec>(spec: S): S {
  return spec;
}

export function routeKey(spec: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${spec.method} ${spec.path}`;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

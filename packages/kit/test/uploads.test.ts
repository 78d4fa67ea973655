// The upload bucket's S3 calls without an S3 client: SigV4 query signing reproduces AWS's published
// example, URLs follow S3's addressing and key-encoding rules, and requests against a stand-in S3
// (an in-process HTTP server) retry what S3 asks to retry and surface everything else.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { encodeKey, headObject, objectUrl, presignUpload, presignUrl, putObject, readObject, S3Error } from '../src/uploads';

const AWS_EXAMPLE = { region: 'us-east-1', credentials: async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }) };

describe('presigned URLs', () => {
  it("reproduce AWS's published example (S3, GET object, query-string authentication) exactly", async () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
    const url = await presignUrl('GET', new URL('https://examplebucket.s3.amazonaws.com/test.txt'), {
      expiresSeconds: 86400,
      signingDate: new Date('2013-05-24T00:00:00Z'),
      signing: AWS_EXAMPLE,
    });
    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('sign the content type of an upload and carry the session token', async () => {
    const url = new URL(
      await presignUrl('PUT', new URL('https://b.s3.eu-west-1.amazonaws.com/imports/x/upload'), {
        expiresSeconds: 900,
        headers: { 'content-type': 'text/csv' },
        signing: { region: 'eu-west-1', credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'tok/en' }) },
      }),
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('tok/en');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKID\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
    expect(url.searchParams.has('X-Amz-Content-Sha256')).toBe(false);
  });
});

describe('object URLs', () => {
  it('are virtual-hosted on AWS', () => {
    expect(objectUrl('my-bucket', 'imports/a/upload', 'eu-west-1', {}).href).toBe('https://my-bucket.s3.eu-west-1.amazonaws.com/imports/a/upload');
  });

  it('are path-style against the local endpoint with LIAISON_S3_PATH_STYLE=1', () => {
    expect(objectUrl('my-bucket', 'imports/a/upload', 'us-east-1', { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5000', LIAISON_S3_PATH_STYLE: '1' }).href).toBe(
      'http://127.0.0.1:5000/my-bucket/imports/a/upload',
    );
    expect(objectUrl('b', 'k', 'us-east-1', { AWS_ENDPOINT_URL: 'http://localhost:4566/', LIAISON_S3_PATH_STYLE: '1' }).href).toBe('http://localhost:4566/b/k');
  });

  it.each([
    ['a b/c+d', 'a%20b/c%2Bd'],
    ["it's (1)*!", 'it%27s%20%281%29%2A%21'],
    ['ü/é~_.-', '%C3%BC/%C3%A9~_.-'],
    ['a//b', 'a//b'],
  ])('encode key %p segment by segment as %p', (key, encoded) => expect(encodeKey(key)).toBe(encoded));
});

describe('requests to S3', () => {
  type Answer = { status: number; body?: string; headers?: Record<string, string> };
  let answers: Answer[] = [];
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? { status: 500, body: '<Error><Code>InternalError</Code></Error>' };
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
  });
  const saved = { ...process.env };

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      LIAISON_S3_PATH_STYLE: '1',
    });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    answers = [];
    seen.length = 0;
  });

  it('put the body signed, with its hash and content type, at the path-style URL', async () => {
    answers = [{ status: 200 }];
    await putObject('bkt', 'imports/j 1/chunk-0', '{"a":1}', 'application/json');
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req).toMatchObject({ method: 'PUT', url: '/bkt/imports/j%201/chunk-0', body: '{"a":1}' });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['x-amz-content-sha256']).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
    expect(req!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
  });

  it('read a byte range', async () => {
    answers = [{ status: 206, body: 'bcd' }];
    expect((await readObject('bkt', 'k', { start: 1, end: 3 }))?.toString()).toBe('bcd');
    expect(seen[0]!.headers.range).toBe('bytes=1-3');
  });

  it('answer null for a missing object (404), on head and get', async () => {
    answers = [{ status: 404 }, { status: 404, body: '<Error><Code>NoSuchKey</Code></Error>' }];
    expect(await headObject('bkt', 'nothing')).toBeNull();
    expect(await readObject('bkt', 'nothing')).toBeNull();
  });

  it('head gives size and type', async () => {
    answers = [{ status: 200, headers: { 'content-length': '42', 'content-type': 'text/csv' } }];
    expect(await headObject('bkt', 'k')).toEqual({ size: 42, contentType: 'text/csv' });
  });

  it('retry 5xx and throttling, with backoff, and succeed when S3 recovers', async () => {
    answers = [{ status: 503, body: '<Error><Code>SlowDown</Code></Error>' }, { status: 500 }, { status: 200, body: 'ok' }];
    expect((await readObject('bkt', 'k'))?.toString()).toBe('ok');
    expect(seen).toHaveLength(3);
  });

  it('give up after 3 tries, surfacing the status and code', async () => {
    answers = [{ status: 503 }, { status: 503 }, { status: 503, body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>' }, { status: 200 }];
    const err = await putObject('bkt', 'k', 'x', 'text/plain').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ status: 503, code: 'SlowDown', message: 'S3 PutObject failed: 503 SlowDown: Reduce your request rate.' });
    expect(seen).toHaveLength(3);
  });

  it('surface a refusal at once, never as "missing"', async () => {
    answers = [{ status: 403, body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' }];
    await expect(readObject('bkt', 'k')).rejects.toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(seen).toHaveLength(1);
  });

  it('presign an upload for the bucket with the region and credentials of the environment', async () => {
    const url = new URL(await presignUpload('bkt', 'imports/j/upload', 'text/csv', 600));
    expect(`${url.origin}${url.pathname}`).toBe(`${process.env.AWS_ENDPOINT_URL_S3}/bkt/imports/j/upload`);
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDTEST\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
  });
});

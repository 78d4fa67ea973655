// The upload bucket's S3 calls (signed by hand, sent with fetch) against moto, checked with the real
// S3 client both ways: what ours writes, the SDK reads; what the SDK writes, ours reads.
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from '@jest/globals';
import { headObject, loadUploadsBucket, presignUpload, putObject, readObject, streamObject } from '../src/uploads';

const bucket = loadUploadsBucket();
const sdk = new S3Client({ forcePathStyle: true });
afterAll(() => sdk.destroy());

const run = `uploads-int/${process.pid}-${Math.random().toString(36).slice(2)}`;

describe('the upload bucket in moto', () => {
  it('takes a PUT to a presigned upload URL, and the SDK reads what landed with its content type', async () => {
    const key = `${run}/presigned upload (1).csv`;
    const url = await presignUpload(bucket, key, 'text/csv', 60);
    const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'name,role\nAda,guest\n' });
    expect(put.status).toBe(200);
    const got = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect({ type: got.ContentType, body: await got.Body!.transformToString() }).toEqual({ type: 'text/csv', body: 'name,role\nAda,guest\n' });
  });

  it('reads what the SDK wrote: head, whole, by byte range and as a stream', async () => {
    const key = `${run}/sdk wrote/ümlaut+plus.json`;
    await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '0123456789', ContentType: 'application/json' }));
    expect(await headObject(bucket, key)).toEqual({ size: 10, contentType: 'application/json' });
    expect((await readObject(bucket, key))?.toString()).toBe('0123456789');
    expect((await readObject(bucket, key, { start: 2, end: 5 }))?.toString()).toBe('2345');
    const chunks: Buffer[] = [];
    for await (const chunk of (await streamObject(bucket, key))!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('0123456789');
  });

  it('writes what the SDK reads back', async () => {
    const key = `${run}/chunks/chunk-0.json`;
    const body = JSON.stringify({ rows: ['Ada', 'Grace', 'ß'] });
    await putObject(bucket, key, body, 'application/json');
    const got = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect({ type: got.ContentType, body: await got.Body!.transformToString() }).toEqual({ type: 'application/json', body });
  });

  it('answers null for an object nobody uploaded', async () => {
    expect(await headObject(bucket, `${run}/nothing`)).toBeNull();
    expect(await readObject(bucket, `${run}/nothing`)).toBeNull();
  });

  it('surfaces a bucket that does not exist as an error with its status, not as a missing object', async () => {
    await expect(putObject(`${bucket}-absent`, `${run}/x`, 'x', 'text/plain')).rejects.toMatchObject({ status: 404, code: 'NoSuchBucket' });
  });
});

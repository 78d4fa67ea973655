import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkTools, endpointsFromEnv, MissingToolError } from '../src/emulators';

describe('emulator prerequisites', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-tools-'));

  it('names every missing tool and how to get it', () => {
    let error: unknown;
    try {
      checkTools({ dynamodb: true, aws: true }, { PATH: empty });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MissingToolError);
    expect((error as Error).message).toMatch(/`java` was not found\. DynamoDB Local needs Java 17 or newer/);
    expect((error as Error).message).toMatch(/`moto_server` was not found\. .*pip install "moto\[server\]"/);
    expect((error as Error).message).toMatch(/LIAISON_DYNAMODB_ENDPOINT and LIAISON_AWS_ENDPOINT/);
  });

  it('asks only for the tools of emulators it has to start', () => {
    expect(() => checkTools({ dynamodb: false, aws: false }, { PATH: empty })).not.toThrow();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'tools-'));
    fs.writeFileSync(path.join(bin, 'java'), '#!/bin/sh\n', { mode: 0o755 });
    expect(() => checkTools({ dynamodb: true, aws: false }, { PATH: bin })).not.toThrow();
    expect(() => checkTools({ dynamodb: true, aws: true }, { PATH: bin })).toThrow(/moto_server/);
  });

  it('takes endpoints from the environment', () => {
    expect(endpointsFromEnv({ LIAISON_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000/', LIAISON_AWS_ENDPOINT: ' http://127.0.0.1:5000 ' })).toEqual({
      dynamodb: 'http://127.0.0.1:8000',
      aws: 'http://127.0.0.1:5000',
    });
    expect(endpointsFromEnv({})).toEqual({});
  });
});

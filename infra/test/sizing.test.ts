import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ENV } from '@liaison/kit/config';
import type { ServiceDefinition } from '@liaison/kit/service';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { directoryService } from '@liaison/directory/service';
import { EventSettingsSchema, loadEventSettings, settingsForStage, SettingsError } from '../src/settings';
import { ACCOUNT_API_QUOTA, BROADCAST_SHARE, countSenders, MAX_SENDER_CONCURRENCY, MIN_API_THROTTLE, MIN_SENDER_CONCURRENCY, sizeEvent } from '../src/sizing';
import { functionId, resources, synth } from './support/synth';

const summit = { expectedGuests: 5000, expectedStaff: 120, smsPerSecond: 20, emailPerSecond: 14 };

describe('sizeEvent', () => {
  it('holds a 5,000-guest summit where everyone opens the app within a minute of a broadcast', () => {
    // 5,120 people × 4 requests / 60 s = 341.3 requests/s → 350 (next 50), burst 2 s of it = 700.
    const sizing = sizeEvent(summit, { worker: 1, consumer: 1, schedule: 3 });
    expect(sizing.peakRequestsPerSecond).toBeCloseTo(341.33, 1);
    expect(sizing.api).toEqual({ rateLimit: 350, burstLimit: 700 });
    expect(sizing.warnings).toEqual([]);
  });

  it('never throttles below the old fixed 100/200, however small the event', () => {
    expect(sizeEvent({ ...summit, expectedGuests: 10, expectedStaff: 2 }).api).toEqual(MIN_API_THROTTLE);
  });

  it("stops at the account's API quota in Jakarta and says so", () => {
    const sizing = sizeEvent({ ...summit, expectedGuests: 60_000 });
    expect(sizing.api).toEqual(ACCOUNT_API_QUOTA);
    expect(sizing.warnings.join('\n')).toMatch(/above API Gateway's default account quota of 2500\/s/);
  });

  it('gives a lone sends worker one process per 5 SMS/s: 4 processes × 5 SMS/s = 20/s', () => {
    expect(sizeEvent(summit, { worker: 1, consumer: 0, schedule: 0 }).senders).toEqual({
      workers: 1,
      consumers: 0,
      schedules: 0,
      workerConcurrency: 4,
      processes: 4,
      smsPerProcessPerSecond: 5,
      emailPerProcessPerSecond: 3.5,
    });
  });

  it('keeps three quarters of the rates for broadcasts when a consumer and schedules send too', () => {
    // others: 1 consumer × 2 + 3 schedules × 1 = 5 processes; the worker needs 3 × 5 = 15 to hold 75 %:
    // 20 processes of 1 SMS/s and 0.7 emails/s; a broadcast goes at 15 SMS/s: 5,000 / 15 = 334 s, by email 5,000 / 10.5 = 477 s.
    const sizing = sizeEvent(summit, { worker: 1, consumer: 1, schedule: 3 });
    expect(sizing.senders).toMatchObject({ workerConcurrency: 15, processes: 20, smsPerProcessPerSecond: 1, emailPerProcessPerSecond: 0.7 });
    expect(sizing.fullBroadcastSeconds).toEqual({ sms: 334, email: 477 });
  });

  it('gives more processes when the account sends faster (200 SMS/s, one sender: 40 processes of 5/s)', () => {
    expect(sizeEvent({ ...summit, smsPerSecond: 200 }, { worker: 1, consumer: 0, schedule: 0 }).senders).toMatchObject({ workerConcurrency: 40, smsPerProcessPerSecond: 5 });
  });

  it('never lets the senders together exceed the account rates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 200_000 }),
        (smsPerSecond, emailPerSecond, worker, consumer, schedule, expectedGuests) => {
          const { senders, api } = sizeEvent({ expectedGuests, expectedStaff: 100, smsPerSecond, emailPerSecond }, { worker, consumer, schedule });
          const workerProcesses = senders.workers * senders.workerConcurrency;
          const processes = workerProcesses + consumer * MIN_SENDER_CONCURRENCY + schedule;
          expect(senders.processes).toBe(processes);
          if (senders.workerConcurrency < MAX_SENDER_CONCURRENCY) expect(workerProcesses / processes).toBeGreaterThanOrEqual(BROADCAST_SHARE);
          expect(senders.workerConcurrency).toBeGreaterThanOrEqual(MIN_SENDER_CONCURRENCY);
          // 1e-9: 10 × 0.7 is 7.000000000000001 in floating point; a token bucket cannot tell.
          expect(processes * senders.smsPerProcessPerSecond).toBeLessThanOrEqual(smsPerSecond + 1e-9);
          expect(processes * senders.emailPerProcessPerSecond).toBeLessThanOrEqual(emailPerSecond + 1e-9);
          expect(senders.smsPerProcessPerSecond).toBeGreaterThan(0);
          expect(api.rateLimit).toBeLessThanOrEqual(ACCOUNT_API_QUOTA.rateLimit);
          expect(api.burstLimit).toBeLessThanOrEqual(ACCOUNT_API_QUOTA.burstLimit);
        },
      ),
    );
  });

  it('says how long a full broadcast takes, and warns past 15 minutes', () => {
    // 5,000 / 20 = 250 s by SMS; 5,000 / 14 = 357.1 → 358 s by email.
    expect(sizeEvent(summit).fullBroadcastSeconds).toEqual({ sms: 250, email: 358 });
    const big = sizeEvent({ ...summit, expectedGuests: 20_000 });
    expect(big.fullBroadcastSeconds.email).toBe(1429);
    expect(big.warnings.join('\n')).toMatch(/email broadcast to all 20000 guests takes 24 min/);
  });
});

// A service with one SMS/email sender (its `sends` worker) next to functions that do not send.
const entry = path.join(__dirname, 'fixtures/handlers.ts');
const sendingService: ServiceDefinition = {
  name: 'notifications',
  consumers: [{ name: 'automatic', entry, handler: 'consume', eventTypes: ['trip.changed'], uses: { sendsSms: false, sendsEmail: false } }],
  workQueues: [
    { name: 'sends', entry, handler: 'consume' },
    { name: 'broadcast-fanout', entry, handler: 'consume', uses: { sendsSms: false, sendsEmail: false, sendsWork: ['sends'] } },
  ],
  schedules: [{ name: 'deferred-sends', entry, handler: 'tick', expression: 'rate(1 minute)' }],
  uses: { table: 'readWrite', publishesEvents: false, sendsSms: true, sendsEmail: true },
};

describe('the synthesized stack', () => {
  const stack = synth('dev', [directoryService, sendingService]);
  afterAll(() => stack.cleanup());
  const sizing = sizeEvent(summit, { worker: 1, consumer: 0, schedule: 1 });

  it('counts the functions that send, queue-driven and scheduled (not those that override sending off)', () => {
    expect(countSenders([directoryService, sendingService])).toEqual({ worker: 1, consumer: 0, schedule: 1 });
  });

  it("throttles the API stage from the event's size", () => {
    const [apiStage] = resources(stack.json, 'AWS::ApiGatewayV2::Stage');
    expect(apiStage![1].Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 350, ThrottlingBurstLimit: 700 });
  });

  it('reserves the sends worker its processes, caps its event source to them, and tells it its share of the rates', () => {
    const sendsId = functionId(stack.json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.name]: 'sends' });
    const fn = stack.json.Resources[sendsId];
    // The worker: 20 SMS/s ÷ 5 per process = 4 processes (3 would hold 75 % against the schedule's 1);
    // with the schedule 5 processes, 20/5 = 4 SMS/s and 14/5 = 2.8 emails/s each.
    expect(sizing.senders).toMatchObject({ workerConcurrency: 4, processes: 5 });
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(4);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      [ENV.smsPerProcessPerSecond]: '4',
      [ENV.emailPerProcessPerSecond]: '2.8',
    });
    const [mapping] = resources(stack.json, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: sendsId }));
    expect(mapping![1].Properties.ScalingConfig).toEqual({ MaximumConcurrency: 4 });
  });

  it('runs a sending schedule one process at a time, with the same share', () => {
    const deferredId = functionId(stack.json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.name]: 'deferred-sends' });
    const fn = stack.json.Resources[deferredId];
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fn.Properties.Environment.Variables).toMatchObject({ [ENV.smsPerProcessPerSecond]: '4' });
  });

  it('leaves every function that does not send unreserved', () => {
    const senders = ['sends', 'deferred-sends'].map((name) => functionId(stack.json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.name]: name }));
    const reserved = resources(stack.json, 'AWS::Lambda::Function').filter(([, fn]) => fn.Properties.ReservedConcurrentExecutions !== undefined);
    expect(reserved.map(([id]) => id).sort()).toEqual(senders.sort());
    const capped = resources(stack.json, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.ScalingConfig !== undefined);
    expect(capped).toHaveLength(1);
  });
});

describe('settings a prod stack refuses', () => {
  const base = { ...EventSettingsSchema.parse({ name: 'Games', timeZone: 'Asia/Jakarta', languages: ['id'], smsSenderId: 'GAMES', emailFrom: 'a@games.example', alarmEmail: 'ops@games.example' }), slug: 'games' };

  it("refuses '*' as a CORS origin in prod, and keeps it for dev", () => {
    expect(base.corsOrigins).toEqual(['*']);
    expect(() => settingsForStage(base, 'prod')).toThrow(/a prod stack refuses '\*' as a CORS origin/);
    expect(settingsForStage(base, 'dev').corsOrigins).toEqual(['*']);
  });

  it('takes prodCorsOrigins in prod', () => {
    const settings = { ...base, prodCorsOrigins: ['https://app.games.example'] };
    expect(settingsForStage(settings, 'prod').corsOrigins).toEqual(['https://app.games.example']);
    expect(() => settingsForStage({ ...base, prodCorsOrigins: ['*'] }, 'prod')).toThrow(SettingsError);
  });

  it('gives the Jakarta summit its listed origins in prod', () => {
    const settings = loadEventSettings('jakarta-summit-2027');
    expect(settingsForStage(settings, 'prod').corsOrigins).not.toContain('*');
  });

  it('defaults guest countries to Indonesia and refuses codes that are not ISO alpha-2', () => {
    expect(base.guestCountries).toEqual({ ID: 1 });
    const bad = EventSettingsSchema.safeParse({ name: 'G', timeZone: 'UTC', languages: ['en'], smsSenderId: 'G', emailFrom: 'a@b.example', alarmEmail: 'a@b.example', guestCountries: { indonesia: 1 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['guestCountries', 'indonesia']);
  });
});

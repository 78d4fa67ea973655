import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildApp } from '../src/app';
import { knownEvents, loadEventSettings, parseStage, SettingsError } from '../src/settings';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-settings-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const VALID = {
  name: 'Test Games',
  timeZone: 'Asia/Makassar',
  languages: ['en'],
  smsSenderId: 'GAMES2027',
  emailFrom: 'lo@games.example',
  alarmEmail: 'ops@games.example',
};

function writeEvent(slug: string, body: unknown): void {
  fs.writeFileSync(path.join(tmp, `${slug}.json`), typeof body === 'string' ? body : JSON.stringify(body));
}

describe('event settings', () => {
  it('loads the Jakarta summit', () => {
    const settings = loadEventSettings('jakarta-summit-2027');
    expect(settings).toEqual({
      slug: 'jakarta-summit-2027',
      name: 'Jakarta Summit 2027',
      timeZone: 'Asia/Jakarta',
      languages: ['id', 'en'],
      smsSenderId: 'LIAISON',
      emailFrom: 'liaison@jakarta-summit.example',
      alarmEmail: 'ops@jakarta-summit.example',
      corsOrigins: ['*'],
      prodCorsOrigins: ['https://app.jakarta-summit.example', 'https://admin.jakarta-summit.example'],
      expectedGuests: 5000,
      expectedStaff: 120,
      smsPerSecond: 20,
      emailPerSecond: 14,
      guestCountries: { ID: 80, SG: 4, MY: 4, AU: 3, JP: 3, CN: 2, US: 2, GB: 2 },
      guestAccounts: false,
    });
    expect(knownEvents()).toContain('jakarta-summit-2027');
  });

  it("defaults corsOrigins to ['*'] and accepts a list of origins", () => {
    writeEvent('games', VALID);
    expect(loadEventSettings('games', tmp).corsOrigins).toEqual(['*']);
    writeEvent('games-web', { ...VALID, corsOrigins: ['https://app.games.example', 'http://localhost:5173'] });
    expect(loadEventSettings('games-web', tmp).corsOrigins).toEqual(['https://app.games.example', 'http://localhost:5173']);
  });

  it.each([
    ['Jakarta_Summit', /Invalid event slug "Jakarta_Summit".*Known events: .*jakarta-summit-2027/s],
    ['-jakarta', /Invalid event slug "-jakarta"/],
    ['jakarta--summit', /Invalid event slug/],
    ['a'.repeat(33), /at most 32 characters/],
    ['', /No event given: pass -c event=<slug>\. Known events: .*jakarta-summit-2027/],
    ['nowhere-2030', /Unknown event "nowhere-2030": no settings file .*nowhere-2030\.json\. Known events: .*jakarta-summit-2027/],
  ])('rejects event %j, naming the problem and the known events', (slug, message) => {
    expect(() => loadEventSettings(slug)).toThrow(SettingsError);
    expect(() => loadEventSettings(slug)).toThrow(message);
  });

  it('names every invalid field of a settings file', () => {
    writeEvent('broken', {
      ...VALID,
      timeZone: '+07:00',
      languages: [],
      smsSenderId: '12345',
      emailFrom: 'not-an-email',
      corsOrigins: ['https://app.example/'],
      colour: 'red',
    });
    let message = '';
    try {
      loadEventSettings('broken', tmp);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/Settings of event "broken" .* are invalid/);
    for (const field of ['timeZone', 'languages', 'smsSenderId', 'emailFrom', 'corsOrigins.0', '(root)']) {
      expect(message).toContain(`  - ${field}: `);
    }
    expect(message).toContain('colour');
  });

  it.each([
    [{ smsSenderId: 'TWELVECHARSX' }, 'smsSenderId'],
    [{ languages: ['id', 'id'] }, 'languages'],
    [{ languages: ['fr'] }, 'languages.0'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ alarmEmail: 'ops' }, 'alarmEmail'],
    [{ corsOrigins: [] }, 'corsOrigins'],
    [{ corsOrigins: ['*', 'https://a.example'] }, 'corsOrigins'],
  ])('rejects %j', (patch, field) => {
    writeEvent('patched', { ...VALID, ...patch });
    expect(() => loadEventSettings('patched', tmp)).toThrow(`  - ${field}: `);
  });

  it('says when a settings file is not JSON', () => {
    writeEvent('garbled', '{ name: ');
    expect(() => loadEventSettings('garbled', tmp)).toThrow(/Settings of event "garbled" .* are not valid JSON/);
  });
});

describe('stage', () => {
  it('accepts dev and prod', () => {
    expect(parseStage('dev')).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
  });

  it.each([
    ['staging', /Invalid stage "staging": pass -c stage=dev\|prod\. Known events: .*jakarta-summit-2027/],
    ['PROD', /Invalid stage "PROD"/],
    [undefined, /Invalid no stage: pass -c stage=dev\|prod/],
  ])('rejects %j', (stage, message) => {
    expect(() => parseStage(stage)).toThrow(message);
  });
});

describe('buildApp', () => {
  it('names the stack Liaison-<slug>-<stage>', () => {
    const { app, stack } = buildApp({ event: 'jakarta-summit-2027', stage: 'prod', bundle: false, outdir: tmp });
    expect(stack.stackName).toBe('Liaison-jakarta-summit-2027-prod');
    expect(stack.node.id).toBe('Liaison-jakarta-summit-2027-prod');
    expect(stack.terminationProtection).toBe(true);
    expect(app.node.children.filter((c) => c === stack)).toHaveLength(1);
  });

  it('refuses a bad slug or stage before building anything', () => {
    expect(() => buildApp({ event: 'Jakarta', stage: 'dev', bundle: false, outdir: tmp })).toThrow(/Invalid event slug "Jakarta"/);
    expect(() => buildApp({ event: 'nowhere', stage: 'dev', bundle: false, outdir: tmp })).toThrow(/Unknown event "nowhere"/);
    expect(() => buildApp({ event: 'jakarta-summit-2027', stage: 'qa', bundle: false, outdir: tmp })).toThrow(/Invalid stage "qa"/);
  });
});

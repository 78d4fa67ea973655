// The fixture template, read fresh for each test that wants one.
import fs from 'node:fs';
import path from 'node:path';
import type { CfnTemplate } from '../src/template';

export const FIXTURE_TEMPLATE_PATH = path.join(__dirname, 'fixtures/stack.template.json');

export function fixtureTemplate(): CfnTemplate {
  return JSON.parse(fs.readFileSync(FIXTURE_TEMPLATE_PATH, 'utf8')) as CfnTemplate;
}

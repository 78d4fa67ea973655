// The workspace promises: tests and scripts run on Node 22 (what Lambda runs), and every @aws-sdk
// package has one version in the lockfile.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

describe('the workspace', () => {
  it('runs on Node 22, as Lambda nodejs22.x does', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
  });

  it('has one version of every @aws-sdk package', () => {
    const lock = readFileSync(path.join(root, 'pnpm-lock.yaml'), 'utf8');
    const versions = new Map<string, Set<string>>();
    for (const m of lock.matchAll(/^ {2}'?(@aws-sdk\/[\w.-]+)@(\d+\.\d+\.\d+)/gm)) {
      const [, name, version] = m as unknown as [string, string, string];
      versions.set(name, (versions.get(name) ?? new Set()).add(version));
    }
    expect(versions.size).toBeGreaterThan(5);
    const multiple = [...versions].filter(([, v]) => v.size > 1).map(([n, v]) => `${n}: ${[...v].join(', ')}`);
    expect(multiple).toEqual([]);
  });

  it('pins pnpm and Node', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies.node).toMatch(/^22\.\d+\.\d+$/);
  });
});

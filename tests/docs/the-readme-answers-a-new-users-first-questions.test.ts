/**
 * What someone setting Daftar up for the first time reads in the README, checked so that an
 * edit cannot drop it: what a from-source build of better-sqlite3 needs, and what `--demo`
 * does to a folder that already has data (tests/host checks the behaviour itself).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
/** The README's prose as one line, so a sentence may wrap anywhere. */
const prose = README.replace(/\s+/g, ' ');

describe('README', () => {
  it('names what building better-sqlite3 from source needs when no prebuilt binary can be fetched', () => {
    expect(prose).toMatch(/better-sqlite3.{0,400}from source/);
    expect(prose).toContain('python3, make and a C++ compiler');
    expect(prose).toContain('apt-get install python3 make g++');
  });

  it('says that --demo keeps the data of a folder that already has some', () => {
    expect(prose).toMatch(/`--demo` fills only a store without identities\. On a folder that already has data it adds nothing, removes nothing, keeps the existing data as it is, and says so/);
  });
});

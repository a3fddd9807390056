// The README's "Every export" tables tell the truth: every value that `afxsock`, `afxsock/pump`
// and `afxsock/testing` export has a row, and every name or family (`WSAE*`) in a row is
// exported. A new export without a line in the README, or a line for something gone, fails here.
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as afxsock from 'afxsock';
import * as pump from 'afxsock/pump';
import * as testing from 'afxsock/testing';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const section = readme.slice(readme.indexOf('### Every export'));

/** The first-column names of the table that follows "`door`:" in the section. */
function tableNames(door: string): string[] {
  const start = section.indexOf(`\`${door}\`:\n`);
  assert.ok(start >= 0, `the README lists the exports of ${door}`);
  const rows = section.slice(start).split('\n').slice(2);
  const names: string[] = [];
  for (const row of rows) {
    if (!row.startsWith('|')) {
      if (names.length > 0) break;
      continue;
    }
    const first = row.split('|')[1] ?? '';
    for (const m of first.matchAll(/`([^`]+)`/g)) names.push(m[1]!);
  }
  return names;
}

function matcher(name: string): RegExp {
  return new RegExp(`^${name.replace(/\*/g, '\\w*')}$`);
}

for (const [door, mod] of [['afxsock', afxsock], ['afxsock/pump', pump], ['afxsock/testing', testing]] as const) {
  test(`README "Every export" covers each value ${door} exports, and names nothing it does not`, () => {
    const names = tableNames(door);
    const exported = Object.keys(mod).sort();
    const unlisted = exported.filter((e) => !names.some((n) => matcher(n).test(e)));
    const stale = names.filter((n) => !exported.some((e) => matcher(n).test(e)));
    assert.equal(unlisted, [], `exported by ${door} but not in the README: ${unlisted.join(', ')}`);
    assert.equal(stale, [], `in the README's ${door} table but not exported: ${stale.join(', ')}`);
  });
}

test.run();

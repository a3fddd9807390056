// The project's own specs, benchmarks and examples use afxsock through its public doors only, as
// a user does (DESIGN.md "Layers"; issue 17.2): a spec imports 'afxsock', 'afxsock/pump' and
// 'afxsock/testing' by name (resolved to the sources by the afxsock-source condition,
// scripts/sourceCondition.ts); a benchmark or example, run with plain `node --import tsx`,
// imports the door files lib/index.ts, pump/index.ts and lib/testing/index.ts; an example's
// conformance spec (examples/**/*.spec.ts) is what a user copies, so it imports afxsock by its
// package names only, as a spec does. A new import of a library file fails here; there are no
// exceptions (what a spec's world needs of the internals lives in lib/testing).
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doorFiles = ['lib/index.ts', 'pump/index.ts', 'lib/testing/index.ts'];
function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of a file under lib/ or pump/, as "file -> target". */
function libraryImports(dirs: string[]): string[] {
  const found: string[] = [];
  for (const file of dirs.flatMap(sources)) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const target = relative(root, resolve(root, dirname(file), m[1]!));
      if (/^(lib|pump)\//.test(target)) found.push(`${file} -> ${target}`);
    }
  }
  return found;
}

const isSpec = (i: string) => /\.spec\.ts -> /.test(i);

test('specs import afxsock only by its package names (afxsock, afxsock/pump, afxsock/testing)', () => {
  const direct = libraryImports(['spec']);
  assert.equal(direct, [], `specs that import library files directly:\n${direct.join('\n')}`);
});

test("examples' conformance specs import afxsock only by its package names, as a user's spec does", () => {
  const direct = libraryImports(['examples']).filter(isSpec);
  assert.equal(direct, [], `example specs that import library files (door files included):\n${direct.join('\n')}`);
});

test('benchmarks and examples import only the door files lib/index.ts, pump/index.ts and lib/testing/index.ts', () => {
  const direct = libraryImports(['bench', 'examples']).filter((i) => !isSpec(i) && !doorFiles.some((d) => i.endsWith(`-> ${d}`)));
  assert.equal(direct, [], `imports past the doors:\n${direct.join('\n')}`);
});

test.run();

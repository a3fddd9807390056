// The project's own specs, benchmarks and examples use afxsock through its public doors only, as
// a user does (DESIGN.md "Layers"; issue 17.2): a spec imports 'afxsock', 'afxsock/pump' and
// 'afxsock/testing' by name (resolved to the sources by the afxsock-source condition,
// scripts/sourceCondition.ts); a benchmark or example, run with plain `node --import tsx`,
// imports the door files lib/index.ts, pump/index.ts and lib/testing/index.ts. A new import of a
// library file fails here. The exceptions are listed with their reason.
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doorFiles = ['lib/index.ts', 'pump/index.ts', 'lib/testing/index.ts'];
/** Imports of library files that no door offers yet, each with why (issue 17 takes them on). */
const exceptions: Record<string, string> = {
  'spec/support/osWorld.ts -> lib/mfc/socket/SocketThreadState.ts': "the real world's end drops the thread's MFC socket state; no public call does that yet",
};

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

test('specs import afxsock only by its package names (afxsock, afxsock/pump, afxsock/testing)', () => {
  const direct = libraryImports(['spec']).filter((i) => !(i in exceptions));
  assert.equal(direct, [], `specs that import library files directly:\n${direct.join('\n')}`);
});

test('benchmarks and examples import only the door files lib/index.ts, pump/index.ts and lib/testing/index.ts', () => {
  const direct = libraryImports(['bench', 'examples']).filter((i) => !doorFiles.some((d) => i.endsWith(`-> ${d}`)));
  assert.equal(direct, [], `imports past the doors:\n${direct.join('\n')}`);
});

test('every listed exception is still needed', () => {
  const present = new Set(libraryImports(['spec']));
  const stale = Object.keys(exceptions).filter((e) => !present.has(e));
  assert.equal(stale, [], 'exceptions that no longer occur: remove them');
});

test.run();

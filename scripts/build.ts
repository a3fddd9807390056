// The package build: tsc emits lib/ and pump/ to dist/ as JavaScript with declarations and source
// maps (tsconfig.build.json). tsc rewrites the sources' relative ".ts" imports to ".js" in the
// JavaScript but leaves them in the declarations, where a consumer without
// allowImportingTsExtensions rejects them (TS5097); this script rewrites those too, then checks that
// no emitted file still names a relative ".ts" module.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) {
  process.stderr.write('build: tsc failed\n');
  process.exit(1);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// A relative module specifier that ends in .ts: import/export … from './x.ts', import('./x.ts').
const relativeTs = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g;
const leftovers: string[] = [];
for (const file of filesUnder(dist)) {
  if (file.endsWith('.d.ts')) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(relativeTs, (_all, head: string, q: string, stem: string) => `${head}${q}${stem}.js${q}`);
    if (rewritten !== text) writeFileSync(file, rewritten);
  } else if (file.endsWith('.js') && relativeTs.test(readFileSync(file, 'utf8'))) {
    leftovers.push(file);
  }
  relativeTs.lastIndex = 0;
}
if (leftovers.length > 0) {
  process.stderr.write(`build: emitted JavaScript still names .ts modules:\n  ${leftovers.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`build: dist/ written (${filesUnder(dist).length} files)\n`);

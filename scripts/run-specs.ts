// Loads every spec file into one uvu queue (one group per file) and runs them, then prints a
// machine-readable summary line that scripts/test.ts turns into `N passed, N failed`.
// Usage: run-specs.ts [substring…] — only the spec files whose path contains one of the words.
// Started without the source condition, it runs itself again with it.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureSourceCondition } from './sourceCondition.ts';

// Specs import 'afxsock' as users do; here it must resolve to the sources (sourceCondition.ts).
ensureSourceCondition(import.meta.url);

const root = fileURLToPath(new URL('..', import.meta.url));
const specDir = join(root, 'spec');

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else if (name.endsWith('.spec.ts')) files.push(path);
  }
  return files;
}

const filters = process.argv.slice(2);
const files = walk(specDir).filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)));

const g = globalThis as unknown as { UVU_DEFER: number; UVU_INDEX: number; UVU_QUEUE: unknown[][] };
g.UVU_DEFER = 1;
g.UVU_QUEUE = [];
const { exec } = await import('uvu');
for (const [i, file] of files.entries()) {
  g.UVU_INDEX = i;
  g.UVU_QUEUE.push([relative(root, file)]);
  await import(pathToFileURL(file).href);
}

// uvu prints its own totals; capture them so the parent can print the project's one line.
let text = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;
await exec(false);
process.stdout.write = write;
const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
write(`SPECS total=${count('Total')} passed=${count('Passed')} skipped=${count('Skipped')}\n`);

// Codemod: path-style citations of the contract that point outside the repository (the reference
// folder under ../shared, cited with or without the leading ../ and shared/) become `docs/…md`, in the same files scripts/citations.ts scans. Item numbers are left alone: docs/
// keeps them. Idempotent (a second run changes nothing).
// Usage: node --import tsx scripts/rewrite-citations.ts [root] — prints each file it rewrote.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scannedFiles } from './citations.ts';

/** Rewrites the path-style citations of one file's text; returns the new text. */
export function rewriteCitationPaths(text: string): string {
  return text
    .replace(/(?:\.\.\/)*shared\/reference\/(windows-facts|mfc-semantics|peers)\.md/g, 'docs/$1.md')
    .replace(/(?:\.\.\/)*shared\/reference\/?(?![\w.-])/g, 'docs/')
    .replace(/(?<![\w/])reference\/(windows-facts|mfc-semantics|peers)\.md/g, 'docs/$1.md');
}

/** Rewrites every scanned file under root; returns the files it changed, relative to root. */
export function rewriteCitations(root: string): string[] {
  const changed: string[] = [];
  for (const file of scannedFiles(root)) {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const after = rewriteCitationPaths(before);
    if (after !== before) {
      writeFileSync(path, after);
      changed.push(file);
    }
  }
  return changed;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
  const changed = rewriteCitations(root);
  for (const file of changed) console.log(`rewrote ${file}`);
  console.log(`${changed.length} files rewritten`);
}

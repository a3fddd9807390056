// The README tells the truth: every TypeScript block in it type-checks against the public doors
// (`afxsock`, `afxsock/pump`) as a user's program would, and the message-queue example runs.
// Consecutive blocks form one program when a later block uses what an earlier one declared.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ts from 'typescript';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isThreadEmpty, Simulation } from '../../pump/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const dir = `${root}spec/docs/.readme-snippets/`;

/** Groups blocks into programs: a block that uses a class the previous block declared continues it. */
function programs(): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    const previous = out.at(-1) ?? '';
    const declared = [...previous.matchAll(/\bclass (\w+)/g)].map((m) => m[1]!);
    if (declared.some((name) => new RegExp(`\\b${name}\\b`).test(b) && !b.includes(`class ${name}`))) out[out.length - 1] += `\n${b}`;
    else out.push(b);
  }
  return out;
}

test('README.md TypeScript examples type-check against the public API', () => {
  assert.ok(blocks.length >= 3, 'the README has its examples');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = programs().map((code, i) => {
    const file = `${dir}example${i + 1}.ts`;
    writeFileSync(file, `${code}\nexport {};\n`);
    return file;
  });
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2024.d.ts'],
    types: ['node'],
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && d.file.fileName.startsWith(dir))
    .map((d) => `${d.file!.fileName.slice(dir.length)}:${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  assert.equal(problems, [], problems.join('\n'));
});

test('README.md message-queue example runs to WM_QUIT', async () => {
  const pumpExample = programs().find((p) => p.includes("from 'afxsock/pump'") && p.includes('createMessageWindow'));
  assert.ok(pumpExample, 'the README has the message-queue example');
  const file = `${dir}run-pump.ts`;
  writeFileSync(file, `${pumpExample}\nexport const finished = msg.message;\n`);
  // On its own simulated thread, so the example leaves nothing on this thread's real queue.
  const sim = new Simulation();
  const detach = sim.attachCurrentThread('README example');
  try {
    const mod = (await import(pathToFileURL(file).href)) as { finished: number };
    assert.is(mod.finished, 0x0012, 'the loop ended on WM_QUIT');
    assert.ok(isThreadEmpty(), 'and left no window behind');
  } finally {
    detach();
  }
  rmSync(dir, { recursive: true, force: true });
});

test.run();

// The package as a user gets it (issue 16): pack the project (prepack builds dist/), install the
// tarball into a fresh project outside the repository, and there run plain node on an ES module,
// plain node require() from CommonJS, a strict TypeScript consumer (strict, NodeNext, default lib,
// no skipLibCheck) on a port and on every TypeScript block of the README, the compiled port under
// plain node and the port under tsx, a user's conformance spec (afxsock/testing on both networks),
// and a check of the tarball's file list. Each check prints
// one line; the last line is `package checks: N passed, N failed` for scripts/test.ts to count.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmePrograms } from './readmePrograms.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'afxsock-consumer-'));
const project = join(work, 'project');
const limitMs = 120_000;
let passed = 0;
let failed = 0;

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: limitMs, env: { ...process.env, npm_config_loglevel: 'error' } });
}

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else failed++;
  process.stdout.write(`  ${ok ? '✓' : '✘'} package: ${name}${ok || !detail ? '' : `\n${detail.trim().replace(/^/gm, '      ')}`}\n`);
}

function output(r: SpawnSyncReturns<string>): string {
  return `${r.error ? `${r.error.message}\n` : ''}exit ${r.status} ${r.signal ?? ''}\n${r.stdout}\n${r.stderr}`;
}

/** Runs a program of the consumer project and checks its exit code and its last line. */
function runs(name: string, args: string[], lastLine: string): void {
  const r = run(process.execPath, args, project);
  const last = r.stdout.trim().split('\n').at(-1);
  check(name, r.status === 0 && last === lastLine, output(r));
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
process.stdout.write('Package checks (npm pack, then a fresh project that installs the tarball)…\n');
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const pack = run(npm, ['pack', '--json', '--pack-destination', work], root);
  // npm prints the prepack build's output before the JSON report.
  const report = pack.stdout.slice(Math.max(0, pack.stdout.search(/^\[/m)));
  const tarball = pack.status === 0 ? (JSON.parse(report) as { filename: string; files: { path: string }[] }[])[0] : undefined;
  check('npm pack builds and packs the project', tarball !== undefined, output(pack));
  if (!tarball) throw new Error('no tarball');

  const shipped = tarball.files.map((f) => f.path);
  const stray = shipped.filter((p) => !/^(dist\/.+\.(js|d\.ts|js\.map)|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/.test(p));
  const needed = ['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/pump/index.js', 'dist/pump/index.d.ts', 'dist/lib/testing/index.js', 'dist/lib/testing/index.d.ts', 'dist/lib/net/os/thread/networkThread.js', 'dist/lib/testing/peer/peerWorker.js', 'README.md', 'LICENSE', 'CHANGELOG.md'];
  const missing = needed.filter((p) => !shipped.includes(p));
  check(`the tarball holds dist/, README, LICENSE and CHANGELOG only (${shipped.length} files)`, stray.length === 0 && missing.length === 0,
    `not expected: ${stray.join(', ') || 'none'}\nmissing: ${missing.join(', ') || 'none'}`);

  cpSync(join(root, 'scripts/consumer'), project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'afxsock-consumer', private: true, type: 'module' }, null, 2));
  const dev = pkg.devDependencies;
  const install = run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball.filename),
    `typescript@${dev.typescript}`, `@types/node@${dev['@types/node']}`, `tsx@${dev.tsx}`], project);
  check('npm install of the tarball into a fresh project', install.status === 0, output(install));
  if (install.status !== 0) throw new Error('not installed');

  runs('plain node runs an ES module that imports afxsock, afxsock/pump and afxsock/testing (a .js worker included)', ['esm.mjs'], 'esm ok');
  runs('plain node require()s afxsock and afxsock/pump from CommonJS', ['cjs.cjs'], 'cjs ok');

  const programs = readmePrograms(readFileSync(join(root, 'README.md'), 'utf8'));
  programs.forEach((code, i) => writeFileSync(join(project, `readme${i + 1}.ts`), `${code}\nexport {};\n`));
  const tsc = run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', project], project);
  check(`tsc (strict, NodeNext, default lib, no skipLibCheck) accepts a port and the README's ${programs.length} TypeScript programs`, tsc.status === 0, output(tsc));
  runs('plain node runs the compiled port (CAsyncSocket subclasses, IMPLEMENT_SERIAL, a message loop, a .js worker)', ['out/port.js'], 'port ok (.js)');
  runs('node under tsx runs the port from source, with a .ts worker', ['--import', 'tsx', 'port.ts'], 'port ok (.ts)');
  runs("plain node runs a user's conformance spec: one body on both networks, a seed and a fault rule, a peer (the .js worker), a positional diff",
    ['out/conformance.js'], 'conformance ok');
  const pumpExample = programs.findIndex((p) => p.includes('createMessageWindow') && p.includes('GetMessage'));
  if (pumpExample < 0) check("the README's message-queue example is there", false);
  else {
    writeFileSync(join(project, 'out/run-readme-pump.js'), `import './readme${pumpExample + 1}.js';\nconsole.log('readme pump ok');\n`);
    runs("the README's message-queue example runs to WM_QUIT from the installed package", ['out/run-readme-pump.js'], 'readme pump ok');
  }
} catch (e) {
  if (failed === 0) check('package checks ran to the end', false, String(e));
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`package checks: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;

// Specs import afxsock as its users do — 'afxsock', 'afxsock/pump', 'afxsock/testing' — and run
// against the sources: package.json#exports lists an "afxsock-source" condition first, pointing at
// lib/ and pump/ (tsconfig.json's customConditions does the same for the type-check). A process
// started with it (and every process and worker it starts, through NODE_OPTIONS) resolves the
// package to the .ts sources; without it, to the built dist/, as an installed package does.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SOURCE_CONDITION = '--conditions=afxsock-source';

/** The environment of a process that should resolve afxsock to its sources, with its children. */
export function sourceEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const options = env.NODE_OPTIONS ?? '';
  return options.includes(SOURCE_CONDITION) ? env : { ...env, NODE_OPTIONS: `${options} ${SOURCE_CONDITION}`.trim() };
}

/** True when 'afxsock' resolves to the sources in this process. */
export function resolvesToSources(): boolean {
  try {
    return import.meta.resolve('afxsock').endsWith('/lib/index.ts');
  } catch {
    return false; // dist/ is not built: the package cannot resolve without the condition
  }
}

/**
 * Runs the calling script again with the condition when it is missing, and exits with its code;
 * returns when the condition is already in force.
 */
export function ensureSourceCondition(scriptUrl: string): void {
  if (resolvesToSources()) return;
  const run = spawnSync(process.execPath, [...process.execArgv, SOURCE_CONDITION, fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: sourceEnv(),
  });
  process.exit(run.status ?? 1);
}

// Specs import afxsock as its users do — 'afxsock', 'afxsock/pump', 'afxsock/testing' — and run
// against the sources: package.json#exports lists an "afxsock-source" condition first, pointing at
// lib/ and pump/ (tsconfig.json's customConditions does the same for the type-check). A process
// started with it (and every process and worker it starts, through NODE_OPTIONS) resolves the
// package to the .ts sources; without it, to the built dist/, as an installed package does.
// scripts/specRunner.ts gives it to every spec process.

export const SOURCE_CONDITION = '--conditions=afxsock-source';

/** The environment of a process that should resolve afxsock to its sources, with its children. */
export function sourceEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const options = env.NODE_OPTIONS ?? '';
  return options.includes(SOURCE_CONDITION) ? env : { ...env, NODE_OPTIONS: `${options} ${SOURCE_CONDITION}`.trim() };
}

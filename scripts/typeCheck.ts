// The project's type-check (tsconfig.json, no emit) through the TypeScript compiler API, so that
// scripts/test.ts learns the number of errors from the compiler itself: it prints the errors as
// tsc does and returns how many there are.
import ts from 'typescript';

/** Type-checks the project whose tsconfig.json is `configPath`; prints each error; returns the count. */
export function typeCheck(configPath: string): number {
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: ts.sys.getCurrentDirectory,
    getNewLine: () => ts.sys.newLine,
  };
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) });
  if (!config) return 1;
  const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true }, projectReferences: config.projectReferences });
  const errors = [...config.errors, ...ts.getPreEmitDiagnostics(program)].filter((d) => d.category === ts.DiagnosticCategory.Error);
  report(errors);
  return errors.length;

  function report(diagnostics: readonly ts.Diagnostic[]): void {
    if (diagnostics.length) process.stdout.write(ts.formatDiagnostics(diagnostics, host));
  }
}

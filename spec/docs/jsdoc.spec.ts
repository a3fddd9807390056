// The documentation convention, enforced (STYLE.md 14, issue 8): every exported function, class,
// interface and type of the public doors has JSDoc with a summary, and every emulated Win32 /
// Winsock / MFC function or class (PascalCase functions, C-prefixed classes) says "Emulates:".
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const program = ts.createProgram([`${root}pump/index.ts`, `${root}lib/index.ts`], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowImportingTsExtensions: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
});
const checker = program.getTypeChecker();

interface Finding {
  name: string;
  where: string;
  problem: string;
}

function findings(door: string): Finding[] {
  const file = program.getSourceFile(`${root}${door}`);
  if (!file) throw new Error(`Cannot load ${door}`);
  const out: Finding[] = [];
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(file)!)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const decl of symbol.declarations ?? []) {
      const kind = ts.isFunctionDeclaration(decl) ? 'function' : ts.isClassDeclaration(decl) ? 'class' : ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl) ? 'type' : null;
      if (!kind) continue;
      const where = `${decl.getSourceFile().fileName.slice(root.length)}:${decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1}`;
      // Overloads: the documentation sits on the first signature.
      if (kind === 'function' && symbol.declarations!.indexOf(decl) > 0) continue;
      const docs = ts.getJSDocCommentsAndTags(decl).map((d) => d.getText()).join('\n');
      if (!docs.trim()) {
        out.push({ name: exported.name, where, problem: `${kind} has no JSDoc` });
        continue;
      }
      const emulated = (kind === 'function' && /^[A-Z]/.test(exported.name) && !/^[A-Z][A-Z0-9_]+$/.test(exported.name)) || (kind === 'class' && /^C[A-Z]/.test(exported.name));
      if (emulated && !/Emulates:/.test(docs)) out.push({ name: exported.name, where, problem: 'emulated API without an "Emulates:" line' });
    }
  }
  return out;
}

for (const door of ['pump/index.ts', 'lib/index.ts']) {
  test(`${door} documents every exported function, class and type, and every emulated API says what it emulates`, () => {
    const found = findings(door);
    assert.ok(found.length === 0, `${found.length} undocumented:\n${found.map((f) => `  ${f.where} ${f.name}: ${f.problem}`).join('\n')}`);
  });
}

test.run();

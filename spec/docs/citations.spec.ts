// The contract is inside the repository: every citation of a rule in lib/, pump/, spec/, bench/,
// examples/, scripts/ and README.md ("windows-facts A.10.3", "mfc-semantics §5.3 item 8",
// "peers.md §3.3 S6", a bare "§5.4" in lib/mfc and spec/mfc) names an item that exists in
// docs/windows-facts.md, docs/mfc-semantics.md or docs/peers.md, and no citation still points at
// the reference folder outside the repository. The citation rule is in docs/README.md ("How items
// are cited"); the checker is scripts/citations.ts, the path codemod scripts/rewrite-citations.ts.
// These specs read files only: no window, timer or socket is made, so the world stays empty.
import { test } from '../support/suite.ts';
import * as assert from 'uvu/assert';
import { checkCitations, findCitations, formatProblems, indexItems } from '../../scripts/citations.ts';
import { rewriteCitationPaths } from '../../scripts/rewrite-citations.ts';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Built from pieces so that this file does not itself hold a path the checker reports.
const sharedRef = ['..', 'shared', 'reference'].join('/');
const wf = 'windows-' + 'facts';
const bogus = ['A', '99', '1'].join('.');

test('docs/ resolves every citation in the tree, and none points outside the repository', () => {
  const report = checkCitations(root);
  assert.ok(report.citations.length > 0, 'the checker found no citation at all: its patterns no longer match the tree');
  const problems = formatProblems(report);
  assert.ok(
    problems.length === 0,
    `${problems.length} citation problems (if they are paths, run node --import tsx scripts/rewrite-citations.ts; ` +
      `if they are items, add the item to docs/ or fix the citation):\n${problems.join('\n')}`,
  );
});

test('indexItems() makes keys of headings, numbered items and table rows', () => {
  const wf = indexItems('windows-facts', '### A.10 Both ends\n1. first\n2. second\n');
  assert.equal([...wf].sort(), ['A.10', 'A.10.1', 'A.10.2']);
  const mfc = indexItems('mfc-semantics', '## 6. Bytes\n8. [D] SOCKADDR\n### 5.5 Wire\n| type | bytes |\n|---|---|\n| LONGLONG / ULONGLONG | 8 |\n');
  for (const key of ['6', '6 item 8', '6.8', '5.5', '5.5 LONGLONG', '5.5 ULONGLONG']) assert.ok(mfc.has(key), `missing ${key} in ${[...mfc].join(', ')}`);
});

test('findCitations() reads prefixed chains, ranges, items, rows and bare § in lib/mfc', () => {
  const text = '// windows-facts A.9.1-A.9.5, B.2.3-4 and C.4\n// mfc-semantics §5.3 items 3, 5 and §5.5 BYTE row;\n'
    + '// peers.md §3.3 A1/A2, §2.1\n// bare §5.4 but STYLE §10 is the style guide\n';
  const keys = findCitations('lib/mfc/x.ts', text).citations.map((c) => `${c.doc} ${c.item}`);
  assert.equal(keys, [
    'windows-facts A.9.1', 'windows-facts A.9.5', 'windows-facts B.2.3', 'windows-facts B.2.4', 'windows-facts C.4',
    'mfc-semantics 5.3 item 3', 'mfc-semantics 5.3 item 5', 'mfc-semantics 5.5 BYTE',
    'peers 3.3 A1', 'peers 3.3 A2', 'peers 2.1', 'mfc-semantics 5.4',
  ]);
  assert.equal(findCitations('pump/x.ts', '// see §5.4').citations, [], 'a bare § outside lib/mfc and spec/mfc is not read as mfc-semantics');
  const bare = findCitations('lib/winsock/x.ts', '// re-arms it even when it fails (A.1.5); not a citation: SHA.1 or B.12x').citations;
  assert.equal(bare.map((c) => `${c.doc} ${c.item}`), ['windows-facts A.1.5'], 'a bare A.n.n anywhere cites windows-facts');
});

test('checkCitations() reports an item that docs/ does not have, with file and line', () => {
  const found = findCitations('spec/x.spec.ts', `\n// ${wf} ${bogus}\n`).citations;
  assert.equal(found.map((c) => [c.line, c.item]), [[2, bogus]]);
  const message = formatProblems({ citations: found, unresolved: found, stalePaths: [] })[0] ?? '';
  assert.match(message, `spec/x.spec.ts:2: "${wf} ${bogus}" — no item ${bogus} in docs/${wf}.md`);
});

test('rewrite-citations turns path-style citations into docs/ paths, and a second run changes nothing', () => {
  const before = `The contract is in \`${sharedRef}/\`; see ${sharedRef}/peers.md §1.7 and (${sharedRef.slice(10)}/mfc-semantics.md).`;
  const after = rewriteCitationPaths(before);
  assert.is(after, 'The contract is in `docs/`; see docs/peers.md §1.7 and (docs/mfc-semantics.md).');
  assert.is(rewriteCitationPaths(after), after);
  assert.equal(findCitations('README.md', before).stalePaths.length, 3);
  assert.equal(findCitations('README.md', after).stalePaths, []);
});

test.run();

// Citation checker: every rule the code, specs, benches, examples and README cite must resolve to
// an item of docs/ (windows-facts.md, mfc-semantics.md, peers.md; docs/README.md's index is checked
// too), and no citation may still point at the reference folder outside the repository. The rule for what counts as an item and as a
// citation is written out in docs/README.md ("How items are cited"); this file implements it.
// Usage (CLI): node --import tsx scripts/citations.ts [root] — exits 1 with a readable list.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The three contract files, by the name citations use. */
export type DocName = 'windows-facts' | 'mfc-semantics' | 'peers';
export const DOC_NAMES: readonly DocName[] = ['windows-facts', 'mfc-semantics', 'peers'];

/** What the checker scans, relative to the repository root (docs/ itself is the target). */
export const SCANNED = ['lib', 'pump', 'spec', 'bench', 'examples', 'scripts', 'README.md', 'docs/README.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git']);
const SCANNED_EXT = /\.(ts|js|mjs|json|md)$/;

/** One citation found in the tree. `item` is the normalised key looked up in the doc's index. */
export interface Citation {
  file: string;
  line: number;
  doc: DocName;
  item: string;
  text: string;
}

/** A citation whose path still points outside the repository. */
export interface StalePath {
  file: string;
  line: number;
  text: string;
}

export interface CitationReport {
  citations: Citation[];
  unresolved: Citation[];
  stalePaths: StalePath[];
}

/**
 * Builds the set of item keys of one doc: every heading label ("A.10", "5.3", "3", "A"), every
 * numbered list item under a heading ("A.10.3" in windows-facts; "5.3 item 8" in the other two,
 * whose numbered items are cited as "item N"), and every table row whose first cell is a label
 * ("3.3 S6", "5.5 BYTE").
 */
export function indexItems(doc: DocName, markdown: string): Set<string> {
  const items = new Set<string>();
  let heading = '';
  for (const raw of markdown.split('\n')) {
    const h = /^#{1,6}\s+(?:§\s*)?([A-C](?:\.\d+)*|\d+(?:\.\d+)*)\.?(?=\s|$)/.exec(raw);
    if (h?.[1] !== undefined) {
      heading = h[1];
      items.add(heading);
      continue;
    }
    const n = /^\s{0,4}(\d+)\.\s/.exec(raw);
    if (n?.[1] !== undefined && heading !== '') {
      items.add(doc === 'windows-facts' ? `${heading}.${n[1]}` : `${heading} item ${n[1]}`);
      // A top-level section without subsections (mfc-semantics §6) is cited "§6.8" for its item 8.
      if (doc !== 'windows-facts' && !heading.includes('.')) items.add(`${heading}.${n[1]}`);
      continue;
    }
    const row = /^\|\s*\**`?([^|`*]+?)`?\**\s*\|/.exec(raw);
    if (row?.[1] !== undefined && heading !== '' && !/^[-: ]+$/.test(row[1])) {
      // "LONGLONG / ULONGLONG" is one row for two types; each is cited on its own.
      for (const label of [row[1], ...row[1].split(' / ')]) items.add(`${heading} ${label.trim()}`);
    }
  }
  return items;
}

// Comment prefixes at the start of a continuation line are blanked (same length, so offsets keep
// their line numbers), letting a citation wrap across comment lines as prose does.
function blankCommentPrefixes(text: string): string {
  return text.replace(/\n[ \t]*(?:\/\/+|\*(?!\*)|#)?/g, (m) => '\n' + ' '.repeat(m.length - 1));
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const WF_REF = String.raw`[A-C](?:\.\d+){1,2}(?:\s?[-–]\s?(?:[A-C]\.)?\d+(?:\.\d+)*)?`;
const SECTION_REF = String.raw`§\s?\d+(?:\.\d+)?(?:\s?[-–]\s?\d+(?:\.\d+)?)?`;
const ITEMS = String.raw`\s+items?\s+\d+(?:\s?(?:,|and|or|[-–]|versus\s+item)\s?\d+)*`;
const PEER_ROWS = String.raw`\s+[A-Z]\d+(?:\s?[-–/]\s?[A-Z]?\d+)*\b`;
const ROW = String.raw`\s+[A-Za-z_]\w*\s+row\b`;
const SEP = String.raw`\s*(?:,|;|/|\band\b|\+)\s*`;
const DOC = String.raw`(?:(?:\.\.\/)*(?:shared\/)?(?:reference\/|docs\/))?(windows-facts|mfc-semantics|peers\.md)(?:\.md)?`;

function sectionRef(doc: DocName): string {
  if (doc === 'windows-facts') return WF_REF;
  return `${SECTION_REF}(?:${ITEMS}|${doc === 'peers' ? PEER_ROWS : ROW})?`;
}

/** Expands one reference ("A.9.1-A.9.5", "B.2.3-4", "§5.5–5.7", "§5.3 items 3, 5") into item keys. */
function expand(doc: DocName, ref: string): string[] {
  const r = ref.replace(/\s+/g, ' ').trim();
  if (doc === 'windows-facts') {
    const [first = '', second] = r.split(/\s?[-–]\s?/);
    if (second === undefined) return [first];
    const last = /^[A-C]\./.test(second) ? second : first.replace(/\d+$/, second);
    return [first, last];
  }
  const m = /^§ ?(\d+(?:\.\d+)?)(?: ?[-–] ?(\d+(?:\.\d+)?))?(.*)$/.exec(r);
  if (m?.[1] === undefined) return [r];
  const sections = m[2] === undefined ? [m[1]] : [m[1], m[2]];
  const tail = (m[3] ?? '').trim();
  const items = /^items? (.*)$/.exec(tail);
  if (items?.[1] !== undefined) {
    const nums = items[1].match(/\d+/g) ?? [];
    return nums.map((n) => `${m[1]} item ${n}`);
  }
  const row = /^(\w+) row$/.exec(tail);
  if (row?.[1] !== undefined) return [`${m[1]} ${row[1]}`];
  if (doc === 'peers' && tail !== '') {
    const labels = tail.match(/[A-Z]?\d+/g) ?? [];
    const letter = tail[0] ?? '';
    return labels.map((l) => `${m[1]} ${/^\d/.test(l) ? letter + l : l}`);
  }
  return sections;
}

/** Finds the citations of one file's text. Bare "§N" in lib/mfc and spec/mfc cite mfc-semantics. */
export function findCitations(file: string, text: string): { citations: Citation[]; stalePaths: StalePath[] } {
  const body = blankCommentPrefixes(text);
  const citations: Citation[] = [];
  const consumed: Array<[number, number]> = [];
  const chain = new RegExp(`${DOC}[\\s,:]*((?:${WF_REF}|${SECTION_REF}(?:${ITEMS}|${PEER_ROWS}|${ROW})?)(?:${SEP}(?:${WF_REF}|${SECTION_REF}(?:${ITEMS}|${PEER_ROWS}|${ROW})?))*)?`, 'g');
  for (const m of body.matchAll(chain)) {
    const doc = (m[1] === 'peers.md' ? 'peers' : m[1]) as DocName;
    const refs = m[2] ?? '';
    const start = m.index ?? 0;
    consumed.push([start, start + m[0].length]);
    const refRe = new RegExp(sectionRef(doc), 'g');
    const refsAt = start + m[0].length - refs.length;
    for (const r of refs.matchAll(refRe)) {
      for (const item of expand(doc, r[0])) {
        citations.push({ file, line: lineOf(text, refsAt + (r.index ?? 0)), doc, item, text: `${m[1]} ${r[0].replace(/\s+/g, ' ')}` });
      }
    }
  }
  const inConsumed = (at: number) => consumed.some(([a, b]) => at >= a && at < b);
  const posix = file.split(sep).join('/');
  if (/^(lib|spec)\/mfc\//.test(posix)) {
    const bare = new RegExp(sectionRef('mfc-semantics'), 'g');
    for (const r of body.matchAll(bare)) {
      const at = r.index ?? 0;
      // "STYLE §10" and "DESIGN §…" cite the style guide and design notes, not the contract.
      if (inConsumed(at) || /\b(?:STYLE|DESIGN)(?:\.md)?\s*$/.test(body.slice(Math.max(0, at - 12), at))) continue;
      for (const item of expand('mfc-semantics', r[0])) {
        citations.push({ file, line: lineOf(text, at), doc: 'mfc-semantics', item, text: `§ (bare, mfc-semantics) ${r[0].replace(/\s+/g, ' ')}` });
      }
    }
  }
  // A windows-facts item is unmistakable without its prefix ("… fails (A.1.5)" after an earlier
  // "windows-facts A.1.10"): a capital A, B or C, a dot and a number, standing alone.
  for (const r of body.matchAll(new RegExp(String.raw`(?<![\w.§/-])${WF_REF}(?![\w])`, 'g'))) {
    const at = r.index ?? 0;
    if (inConsumed(at)) continue;
    for (const item of expand('windows-facts', r[0])) {
      citations.push({ file, line: lineOf(text, at), doc: 'windows-facts', item, text: `(bare, windows-facts) ${r[0].replace(/\s+/g, ' ')}` });
    }
  }
  const stalePaths: StalePath[] = [];
  for (const m of body.matchAll(/(?:\.\.\/)*shared\/reference\b[\w./-]*|(?<![\w/])reference\/(?:windows-facts|mfc-semantics|peers)\.md/g)) {
    stalePaths.push({ file, line: lineOf(text, m.index ?? 0), text: m[0] });
  }
  return { citations, stalePaths };
}

function walk(root: string, rel: string, out: string[]): void {
  const path = join(root, rel);
  let st;
  try { st = statSync(path); } catch { return; }
  if (st.isFile()) {
    if (SCANNED_EXT.test(rel)) out.push(rel);
    return;
  }
  for (const name of readdirSync(path).sort()) if (!SKIPPED_DIRS.has(name)) walk(root, join(rel, name), out);
}

/** The files the checker (and the codemod) scan, relative to root, in a fixed order. */
export function scannedFiles(root: string): string[] {
  const out: string[] = [];
  for (const top of SCANNED) walk(root, top, out);
  return out;
}

/** Checks every citation under root against root/docs. */
export function checkCitations(root: string): CitationReport {
  const index = new Map<DocName, Set<string>>();
  for (const doc of DOC_NAMES) {
    let md = '';
    try { md = readFileSync(join(root, 'docs', `${doc}.md`), 'utf8'); } catch { /* missing doc: every citation of it is unresolved */ }
    index.set(doc, indexItems(doc, md));
  }
  const citations: Citation[] = [];
  const stalePaths: StalePath[] = [];
  for (const file of scannedFiles(root)) {
    const found = findCitations(file, readFileSync(join(root, file), 'utf8'));
    citations.push(...found.citations);
    stalePaths.push(...found.stalePaths);
  }
  const unresolved = citations.filter((c) => !(index.get(c.doc)?.has(c.item) ?? false));
  return { citations, unresolved, stalePaths };
}

/** The report as the lines a reader acts on; empty when everything resolves. */
export function formatProblems(report: CitationReport): string[] {
  const lines: string[] = [];
  for (const c of report.unresolved) lines.push(`${c.file}:${c.line}: "${c.text}" — no item ${c.item} in docs/${c.doc}.md`);
  for (const s of report.stalePaths) lines.push(`${s.file}:${s.line}: "${s.text}" points outside the repository — run node --import tsx scripts/rewrite-citations.ts`);
  return lines;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
  const report = checkCitations(root);
  const problems = formatProblems(report);
  console.log(`${report.citations.length} citations, ${report.unresolved.length} unresolved, ${report.stalePaths.length} stale paths (root ${relative(process.cwd(), root) || '.'})`);
  for (const p of problems) console.log(p);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

// wrongArgument: the CInvalidArgException an MFC member throws when a JavaScript caller hands it
// something that C's type system would never have let through (a string for a WORD, null for a
// POINT). MFC 9 reports bad arguments with AfxThrowInvalidArgException (mfc-semantics §5.2: a
// NULL pFile); the message names the member and what it got, so a ported program's log says which
// call was wrong. Only the failure path builds text: the members test with one typeof or
// Number.isFinite and call here.
import { AfxThrowInvalidArgException } from './CInvalidArgException.ts';

/** Ours: a value as a message shows it (`null`, `NaN`, `"x"`, `5n`, `an object (Array)`). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'bigint': return `${value}n`;
    case 'number': case 'boolean': case 'undefined': return String(value);
    case 'object': return value === null ? 'null' : `an object (${value.constructor?.name ?? 'no prototype'})`;
    default: return `a ${typeof value}`;
  }
}

/** Ours: throws CInvalidArgException `<member>: expected <expected>, got <value>`. */
export function wrongArgument(member: string, expected: string, value: unknown): never {
  AfxThrowInvalidArgException(`${member}: expected ${expected}, got ${describeValue(value)}`);
}

/**
 * Ours: as wrongArgument for a structure (POINT, SIZE, RECT) whose fields must all be finite
 * numbers; an object is shown field by field (`{ x: 1, y: undefined }`), so the missing one shows.
 */
export function wrongStructure(member: string, type: string, fields: readonly string[], value: unknown): never {
  const got = value !== null && typeof value === 'object'
    ? `{ ${fields.map((f) => `${f}: ${describeValue((value as Record<string, unknown>)[f])}`).join(', ')} }`
    : describeValue(value);
  AfxThrowInvalidArgException(`${member}: expected a ${type} of finite numbers { ${fields.join(', ')} }, got ${got}`);
}

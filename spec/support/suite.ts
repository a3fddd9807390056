// The project's spec functions on Node's built-in test runner (node:test), in the shape the specs
// are written in: `const test = suite(name)`, then `test(title, body)` for each test, hooks, and
// `test.run()` at the end of the file, which declares the suite as one node:test `describe` (so
// `--name` can select a whole suite by its name). Files without a suite use `test(title, body)`
// and `test.run()` from here too: top-level node:test tests. scripts/run-specs.ts runs the files.
// Only the hook the specs use is here (`after`); node:test has the others.
import { after as afterAll, describe, test as nodeTest } from 'node:test';

type Body = () => void | Promise<void>;

export interface Suite {
  /** Adds a test; it runs, in the order added, when the suite runs. */
  (title: string, body: Body): void;
  /** Runs `fn` once after the suite's last test, whether the tests passed or not. */
  after(fn: Body): void;
  /** Declares the suite to node:test with everything added so far; nothing can be added after. */
  run(): void;
}

/** A named group of tests, run one after another in the order they were added. */
export function suite(name: string): Suite {
  const tests: [string, Body][] = [];
  const afters: Body[] = [];
  let declared = false;
  // A test added after run() would silently never run.
  const open = (what: string) => {
    if (declared) throw new Error(`suite '${name}': ${what} added after run()`);
  };
  const add = (title: string, body: Body) => {
    open(`test '${title}'`);
    tests.push([title, body]);
  };
  return Object.assign(add, {
    after: (fn: Body) => {
      open('an after hook');
      afters.push(fn);
    },
    run: () => {
      open('run()');
      declared = true;
      describe(name, () => {
        for (const fn of afters) afterAll(fn);
        for (const [title, body] of tests) nodeTest(title, () => body());
      });
    },
  });
}

/** A test outside any suite: a top-level node:test test, which starts once the file has loaded. */
export const test = Object.assign((title: string, body: Body): void => void nodeTest(title, () => body()), {  /** Nothing to declare (top-level tests are declared as they are added): kept so every spec file ends the same way. */
  run: (): void => {},
});

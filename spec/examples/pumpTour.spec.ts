// The pump tour that `npm start` prints: it runs on virtual time, so its output is exact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runPumpTour } from '../../examples/pumpTour.ts';

test('runPumpTour() runs the message loop to WM_QUIT and prints the same conversation and trace every run', () => {
  const first: string[] = [];
  const second: string[] = [];
  assert.is(runPumpTour((l) => first.push(l)), 0);
  runPumpTour((l) => second.push(l));
  assert.equal(first, second);
  assert.ok(first.includes('  t=300 ms  WM_TIMER #3'));
  assert.ok(first.includes('WM_QUIT after 300 ms of virtual time, exit code 0.'));
  assert.ok(first.join('\n').split('\n').some((l) => /^<00006> {3}tour {5}S WM_APP_QUERY/.test(l)), 'the sent message is nested under its dispatch');
});

test.run();

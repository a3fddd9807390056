// The pump tour that `npm start` prints: it runs on virtual time, so its output is exact.
import { test } from '../support/suite.ts';
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
  assert.ok(first.join('\n').split('\n').some((l) => /^<00010> {3}tour {5}S WM_APP_QUERY/.test(l)), 'the sent message is nested under its dispatch');
  assert.is(first[1], '  t=0 ms  WM_PAINT of (0, 0)-(320, 200), validated by BeginPaint', 'UpdateWindow paints the window created visible (windows-facts B.13.2)');
  const creation = first.join('\n').split('\n').filter((l) => /^<0000[1-5]> tour {5}S /.test(l)).map((l) => l.split(' ').filter(Boolean)[3]);
  assert.equal(creation, ['WM_GETMINMAXINFO', 'WM_NCCREATE', 'WM_NCCALCSIZE', 'WM_CREATE', 'WM_SHOWWINDOW'], 'the creation sequence (windows-facts B.13.1)');
});

test.run();

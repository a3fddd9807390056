// `npm start`: the chat example (a CAsyncSocket server and two clients on one message loop) with
// its notification trace, then a tour of the message pump.
//   npm start                      the simulated network, seed 1
//   npm start -- --sim --seed 7    the simulated network with another seed (same conversation)
import { runChat } from './chat/runChat.ts';
import { runPumpTour } from './pumpTour.ts';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
if (!Number.isInteger(seed)) throw new TypeError(`--seed takes an integer, not ${args[seedAt + 1]}`);
const print = (line: string) => process.stdout.write(`${line}\n`);

print(`== The chat example: a CAsyncSocket server and two clients (simulated network, seed ${seed})`);
const { transcript, trace } = runChat({ network: 'sim', seed });
for (const line of transcript) print(line);
print('');
print('Socket notifications as the message loop dispatched them:');
for (const line of trace) print(line);
print('');
print('== A tour of the message pump');
runPumpTour(print);

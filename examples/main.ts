// `npm start`: the chat example (a CAsyncSocket server and two clients on one message loop, over
// real sockets on 127.0.0.1) with its notification trace, then a tour of the message pump.
//   npm start                      real loopback sockets
//   npm start -- --sim --seed 7    the same program on the simulated network (same conversation)
import { runChat } from './chat/runChat.ts';
import { runPumpTour } from './pumpTour.ts';

const args = process.argv.slice(2);
const sim = args.includes('--sim');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
if (!Number.isInteger(seed)) throw new TypeError(`--seed takes an integer, not ${args[seedAt + 1]}`);
const print = (line: string) => process.stdout.write(`${line}\n`);

print(`== The chat example: a CAsyncSocket server and two clients (${sim ? `simulated network, seed ${seed}` : 'real sockets on 127.0.0.1'})`);
const { transcript, trace } = runChat(sim ? { network: 'sim', seed } : { network: 'real' });
for (const line of transcript) print(line);
print('');
print('Socket notifications as the message loop dispatched them:');
for (const line of trace) print(line);
print('');
print('== A tour of the message pump');
runPumpTour(print);

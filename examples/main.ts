// `npm start`: the demo. Today: a tour of the message pump with its trace.
import { runPumpTour } from './pumpTour.ts';

runPumpTour((line) => process.stdout.write(`${line}\n`));

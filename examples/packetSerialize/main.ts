// `node --import tsx examples/packetSerialize/main.ts [packets] [seed]`: the PacketSerialize
// exchange between two threads over real loopback sockets, with what each side displayed.
import { runPacketSerialize } from './runPacketSerialize.ts';

const nPackets = Number(process.argv[2] ?? 5);
const seed = Number(process.argv[3] ?? 1);
const result = await runPacketSerialize(nPackets, seed);
for (const line of result.receiver) process.stdout.write(`[receiver] ${line}\n`);
for (const line of result.sender) process.stdout.write(`[sender]   ${line}\n`);
process.stdout.write(`${result.failures === 0 ? 'No' : result.failures} packet failures.\n`);

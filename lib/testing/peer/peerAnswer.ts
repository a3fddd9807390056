// Runs one command of a peer program, turning a failure into an answer the spec will throw.
import type { PeerAnswer, PeerCommand, PeerProgram } from './peerProgram.ts';

/** The program's answer to `cmd`; an exception becomes { error }. */
export function answer(program: PeerProgram, cmd: PeerCommand): PeerAnswer {
  try {
    return program.handle(cmd);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

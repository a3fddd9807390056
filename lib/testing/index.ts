// afxsock/testing: the conformance-spec toolkit (DESIGN.md "Layers"). Worlds on the simulated
// network (seed, hosts, latency, fault rules, link holds) or on real loopback, one body on both;
// the interleaved notification recorder and its positional diff; peers as CAsyncSocket programs
// on a simulated thread or a real worker; the empty-world check; executable todos. No test
// framework is needed: every function is plain (async) code, and a failure is an Error whose
// message is the diff or the world, which any runner prints.

/** Records everything one window receives, in order, across all its sockets (windows-facts A.10.5). */
export { WindowRecorder, type WindowRecorderOptions, type SocketReaction, type HasSocketHandle } from './WindowRecorder.ts';
/** Records the WM_SOCKET_NOTIFY messages MFC's socket window dispatches, labelled by CAsyncSocket object. */
export { SocketNotifyRecorder } from './SocketNotifyRecorder.ts';
/** Compares recorded rows with an expected table, or with a list of allowed tables, cell by cell. */
export {
  assertSequence,
  compareSequence,
  sequenceDiff,
  firstDifference,
  rowsEqual,
  cellsEqual,
  formatRow,
  formatCell,
  SequenceMismatchError,
  DIFF_ROWS_AFTER_FIRST,
  type SequenceCell,
  type SequenceRow,
  type SequenceTable,
  type AllowedOrders,
  type SequenceExpectation,
} from './sequenceDiff.ts';
/** The winsock.h names of the FD_* events, as rows spell them. */
export { SOCKET_EVENT_NAMES, socketEventName } from './socketEventNames.ts';
/** A window's queued notifications as per-socket rows. */
export { takeNotifications } from './takeNotifications.ts';
/** The seed of a simulated world (own, else SEED, else DEFAULT_SEED) and the replay line of a failure. */
export { resolveSeed, replayHint } from './seed.ts';
/** A fresh simulated world for one body, checked empty at the end. */
export { withSimWorld, simNetWorld, type SimWorld, type SimWorldOptions } from './simWorld.ts';
/** A fresh real-loopback world for one body, checked empty at the end; waiting on real time. */
export { withRealWorld, settleOsNetwork, sleepMs, waitFor, type RealWorldOptions } from './realWorld.ts';
/** What a body sees of its world on either network. */
export type { NetWorld } from './NetWorld.ts';
/** One body registered on both networks with any runner. */
export { bothNetworks, type BothNetworksOptions, type RegisterTest } from './bothNetworks.ts';
/** Executable todos: a known deviation must fail, and fail the way it does today. */
export { expectDeviation, expectDeviationAsync, type Deviation, type NetworkKind } from './knownDeviation.ts';
/** Peers: a CAsyncSocket program on a simulated thread or a real worker, driven by synchronous calls. */
export { startPeer, PeerProgram, type Peer, type Behaviour, type Reply, type PeerExtension, type ExtensionModule } from './peer/peerThread.ts';
/** Small helpers of network specs: ports, waiting for a condition, a one-shot thread timer. */
export { unusedLoopbackPort, portOf } from './socketPorts.ts';
export { settleUntil } from './settleUntil.ts';
export { later } from './later.ts';

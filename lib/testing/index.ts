// afxsock/testing (first piece): the interleaved notification recorder and the positional
// sequence diff that conformance specs compare with. No test framework is needed: a mismatch is a
// plain SequenceMismatchError whose message is the diff, which any runner prints.

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

// The specs' sequence assertion: afxsock/testing's positional diff (lib/testing/sequenceDiff.ts),
// kept under its old name so existing specs read unchanged.
export { assertSequence, type SequenceRow as Row } from 'afxsock/testing';

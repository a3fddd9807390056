// Names of the messages this library knows, for traces and diffs. Others print as hex; WM_USER+n
// and WM_APP+n print relative to their base, as Spy++ does.
import * as C from './constants.ts';

const names = new Map<number, string>();
for (const [k, v] of Object.entries(C)) if (k.startsWith('WM_') && typeof v === 'number' && !names.has(v)) names.set(v, k);

/** Registers a name for a message id (lib/ adds WM_SOCKET_NOTIFY and friends). */
export function nameMessage(message: number, name: string): void {
  names.set(message, name);
}

/** The name of a message id for traces: WM_* names, WM_USER+n, WM_APP+n, else hex. */
export function messageName(message: number): string {
  const n = names.get(message);
  if (n) return n;
  if (message > C.WM_USER && message < C.WM_APP) return `WM_USER+${message - C.WM_USER}`;
  if (message > C.WM_APP && message < 0xc000) return `WM_APP+${message - C.WM_APP}`;
  return `0x${message.toString(16).padStart(4, '0')}`;
}

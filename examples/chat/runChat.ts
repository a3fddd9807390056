// Runs the chat server and two clients, Alice and Bob, on one thread's message loop, over the
// real network (127.0.0.1) or the simulated one (with a seed), and returns the conversation as
// each client heard it plus a Spy++-style trace of the socket notifications.
import {
  DispatchMessage, GetMessage, MSG, PostQuitMessage, Simulation, startTrace, stopTrace, TranslateMessage,
  type TraceEvent,
} from '../../pump/index.ts';
import { AfxSocketInit, AfxSocketTerm, SimNetwork, setDefaultNetworkHost, WM_SOCKET_NOTIFY, WSAGETSELECTERROR, WSAGETSELECTEVENT } from '../../lib/index.ts';
import { ChatClient } from './ChatClient.ts';
import { ChatServer } from './ChatServer.ts';

export interface ChatOptions {
  /** 'real' (default): OS sockets on 127.0.0.1; 'sim': the simulated network. */
  network?: 'real' | 'sim';
  /** Seed of the simulated network. */
  seed?: number;
}

export interface ChatResult {
  transcript: string[];
  trace: string[];
}

const FD_NAMES: Record<number, string> = { 1: 'FD_READ', 2: 'FD_WRITE', 4: 'FD_OOB', 8: 'FD_ACCEPT', 16: 'FD_CONNECT', 32: 'FD_CLOSE' };

export function runChat(options: ChatOptions = {}): ChatResult {
  let detach = () => {};
  if (options.network === 'sim') {
    const sim = new Simulation();
    detach = sim.attachCurrentThread('chat');
    const net = new SimNetwork(sim.clock, { seed: options.seed ?? 1 });
    sim.addEventSource(net);
    setDefaultNetworkHost(net.addHost('chatbox', '10.0.0.7'));
  }
  try {
    if (!AfxSocketInit()) throw new Error('Windows sockets initialization failed.');
    const server = new ChatServer();
    const port = server.Start('127.0.0.1', 0);
    if (port === 0) throw new Error('The chat server could not listen on 127.0.0.1');
    server.onEmpty = () => PostQuitMessage(0);

    // The conversation: each step waits for a line, so it reads the same on every network.
    const bob = new ChatClient('bob', (me, line) => {
      if (line === 'alice: hello bob') me.SendLine('hi alice, see you');
      if (line === 'alice: bye') me.Close();
    });
    const alice = new ChatClient('alice', (me, line) => {
      if (line === '* alice joined' && bob.Join('127.0.0.1', port)) names.set(bob.m_hSocket, () => 'bob');
      if (line === '* bob joined') me.SendLine('hello bob');
      if (line === 'bob: hi alice, see you') me.SendLine('bye');
      if (line === '* bob left') me.Close();
    });

    const trace = startTrace();
    alice.Join('127.0.0.1', port);
    const names = new Map(server.socketNames);
    names.set(alice.m_hSocket, () => 'alice');
    const msg = new MSG();
    while (GetMessage(msg, 0, 0, 0) > 0) {
      TranslateMessage(msg);
      DispatchMessage(msg);
    }
    stopTrace();
    server.Stop();
    return {
      transcript: [...alice.heard.map((l) => `[alice] ${l}`), ...bob.heard.map((l) => `[bob]   ${l}`)],
      trace: formatNotifications(trace.events, (s) => (server.socketNames.get(s) ?? names.get(s))?.() ?? `0x${s.toString(16)}`),
    };
  } finally {
    AfxSocketTerm(); // as MFC does at exit: the program leaves Winsock as it found it
    setDefaultNetworkHost(null);
    detach();
  }
}

/** The socket notifications that were dispatched, one line each: socket, event, error. */
function formatNotifications(events: readonly TraceEvent[], socketName: (s: number) => string): string[] {
  return events
    .filter((e) => e.kind === 'dispatched' && e.message === WM_SOCKET_NOTIFY)
    .map((e, i) => {
      const lParam = e.lParam as number;
      const error = WSAGETSELECTERROR(lParam);
      return `<${String(i + 1).padStart(5, '0')}> WM_SOCKET_NOTIFY ${socketName(e.wParam).padEnd(16)} ${FD_NAMES[WSAGETSELECTEVENT(lParam)] ?? '?'}${error ? ` error ${error}` : ''}`;
    });
}

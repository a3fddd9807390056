// Runs the CHATSRVR port and two CHATTER clients, ann and bob, on one thread's message loop, over
// the real network (127.0.0.1) or the simulated one (with a seed), and returns what each client
// showed. Every message carries pen strokes (CArray<POINT, POINT>) and a scoreboard
// (CMap<CString, LPCTSTR, int, int>) through CSocketFile and CArchive.
import { DispatchMessage, GetMessage, MSG, PostQuitMessage, Simulation, TranslateMessage } from '../../pump/index.ts';
import { AfxSocketInit, AfxSocketTerm, SimNetwork, setDefaultNetworkHost } from '../../lib/index.ts';
import { CChatDoc } from './CChatDoc.ts';
import { CServerDoc } from './CServerDoc.ts';

export interface ChatsrvrOptions {
  /** 'real' (default): OS sockets on 127.0.0.1; 'sim': the simulated network. */
  network?: 'real' | 'sim';
  /** Seed of the simulated network. */
  seed?: number;
  /** Largest segment of the simulated network, to cut messages into pieces. */
  segmentBytes?: number;
}

export interface ChatsrvrResult {
  shown: string[];
  serverLog: string[];
}

export function runChatsrvr(options: ChatsrvrOptions = {}): ChatsrvrResult {
  let detach = () => {};
  if (options.network === 'sim') {
    const sim = new Simulation();
    detach = sim.attachCurrentThread('chatsrvr');
    const net = new SimNetwork(sim.clock, { seed: options.seed ?? 1, ...(options.segmentBytes ? { segmentBytesMax: options.segmentBytes } : {}) });
    sim.addEventSource(net);
    setDefaultNetworkHost(net.addHost('chatbox', '10.0.0.7'));
  }
  const server = new CServerDoc();
  const clients: CChatDoc[] = [];
  try {
    if (!AfxSocketInit()) throw new Error('Windows sockets initialization failed.');
    const port = server.Listen('127.0.0.1', 0);
    if (port === 0) throw new Error('CHATSRVR could not listen on 127.0.0.1');
    server.onEmpty = () => PostQuitMessage(0);

    // The conversation: each step answers a message, so it reads the same on every network. bob
    // joins once ann has heard her own join, so the server has accepted ann by then and both hear
    // bob's join; only then does ann say hello, which both are connected to hear.
    const bob = new CChatDoc('bob', (me, msg) => {
      if (msg.m_strText === 'ann: hello') me.SendMsg('hi ann', [{ x: -5, y: 7 }], { bob: 2, ann: 1 });
      if (msg.m_strText === 'ann: bye') me.Disconnect();
    });
    const ann = new CChatDoc('ann', (me, msg) => {
      if (msg.m_strText === 'ann: joined') {
        if (!bob.ConnectSocket('127.0.0.1', port)) throw new Error('CHATTER (bob) could not connect');
        bob.SendMsg('joined');
      }
      if (msg.m_strText === 'bob: joined') me.SendMsg('hello', [{ x: 1, y: 2 }, { x: 300, y: -1 }], { ann: 3 });
      if (msg.m_strText === 'bob: hi ann') me.SendMsg('bye');
      if (msg.m_strText === 'ann: bye') me.Disconnect();
    });
    clients.push(ann, bob);
    if (!ann.ConnectSocket('127.0.0.1', port)) throw new Error('CHATTER (ann) could not connect');
    ann.SendMsg('joined');

    const msg = new MSG();
    while (GetMessage(msg, 0, 0, 0) > 0) {
      TranslateMessage(msg);
      DispatchMessage(msg);
    }
    return { shown: [...ann.shown.map((l) => `[ann] ${l}`), ...bob.shown.map((l) => `[bob] ${l}`)], serverLog: server.m_msgList };
  } finally {
    for (const c of clients) c.DeleteContents();
    server.Close();
    AfxSocketTerm();
    setDefaultNetworkHost(null);
    detach();
  }
}

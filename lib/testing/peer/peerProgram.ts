// The program a spec's peer runs: a small MFC-style CAsyncSocket server (or client) on its own
// thread, told what to do by commands that are plain data, so that the same program runs on a
// simulated thread (the command travels in a SendMessage) and on a real worker thread (the command
// travels through a MessagePort). Every socket records its callbacks as rows
// [name, callback, nErrorCode] that the spec can read back.
import { CAsyncSocket } from '../../index.ts';
import * as W from '../../index.ts';
import { later } from '../later.ts';
import { portOf } from '../socketPorts.ts';

/** How the peer answers what it receives on a connection: by the text it got, or fixed bytes. */
export type Reply = 'none' | 'same' | 'upper' | { prefix: string } | { bytes: number[] };

/** What the peer does with the connections it accepts (or makes). */
export interface Behaviour {
  /** Answer each receive with this (after `delayMs`, from a thread timer). Default 'none'. */
  reply?: Reply;
  /** Delay of each reply, in ms of the thread's time. */
  delayMs?: number;
  /** Answer only this many receives of a connection, then read without answering. Default: every one. */
  replyLimit?: number;
  /** Keep every byte received, for received(). Default true unless replying. */
  collect?: boolean;
  /** Take one connection, then stop listening. */
  oneConnection?: boolean;
  /** Bytes sent as soon as a connection is accepted. */
  greet?: number[];
  /** Do not read at all (the sender's window fills). */
  stall?: boolean;
  /** Close the socket when the other side closes (MFC's usual OnClose). Default true. */
  closeOnClose?: boolean;
  /** At most this many bytes per Receive in OnReceive (a slow reader). Default 65536. */
  readChunk?: number;
  /** What an accepted connection does at once: shut down its sending side (a FIN) or abort (a RST). */
  onAccept?: 'shutDown' | 'abort';
  /** What a connection does after its first OnReceive: shut down its sending side, or abort. */
  afterReceive?: 'shutDown' | 'abort';
}

/**
 * A spec's own peer code, for what the commands above do not cover: functions by name, run on the
 * peer's thread with the program and the arguments of Peer.call(), returning plain data. The
 * module that exports them is imported by a real peer thread (so it must not depend on the
 * spec's module state) and handed over as an object to a simulated one.
 */
export type PeerExtension = Record<string, (program: PeerProgram, ...args: any[]) => unknown>;

/** A command to the peer program. `conn` picks a connection (default 0, the first). */
export type PeerCommand =
  | { op: 'listen'; port: number; behaviour: Behaviour }
  | { op: 'connect'; host: string; port: number; behaviour: Behaviour }
  | { op: 'udpBind'; port: number; behaviour: Behaviour }
  | { op: 'send'; bytes: number[]; conn?: number }
  | { op: 'sendPieces'; pieces: number[][]; gapMs: number; conn?: number }
  | { op: 'sendAfter'; bytes: number[]; delayMs: number; conn?: number }
  | { op: 'resume'; conn?: number }
  | { op: 'shutDown'; how?: number; conn?: number }
  | { op: 'abort'; conn?: number }
  | { op: 'close'; conn?: number }
  | { op: 'received'; conn?: number }
  | { op: 'state' }
  | { op: 'call'; name: string; args: unknown[] }
  | { op: 'end' };

/** The answer to a command. */
export interface PeerAnswer {
  /** listen / udpBind: the port; send: Send's result. */
  value?: number;
  /** received: the bytes. */
  bytes?: number[];
  /** state: connections accepted or made. */
  connections?: number;
  /** state: every callback the peer's sockets saw, [name, callback, nErrorCode]. */
  log?: (string | number)[][];
  /** call: what the extension's function returned. */
  result?: unknown;
  /** The command failed: why. */
  error?: string;
}

type Row = (string | number)[];

/** A CAsyncSocket of the peer: records its callbacks and acts on its behaviour. */
class PeerSocket extends CAsyncSocket {
  readonly received: number[] = [];
  private replies = 0;

  constructor(
    readonly name: string,
    private readonly program: PeerProgram,
    private behaviour: Behaviour,
  ) {
    super();
  }

  protected override OnAccept(nErrorCode: number): void {
    this.record('OnAccept', nErrorCode);
    const child = new PeerSocket(`child ${this.program.connections.length}`, this.program, this.behaviour);
    if (!this.Accept(child)) return;
    this.program.connections.push(child);
    if (this.behaviour.oneConnection) this.Close();
    child.greet();
    if (this.behaviour.onAccept) child.act(this.behaviour.onAccept);
  }

  protected override OnConnect(nErrorCode: number): void {
    this.record('OnConnect', nErrorCode);
    if (nErrorCode === 0) this.greet();
  }

  protected override OnReceive(nErrorCode: number): void {
    this.record('OnReceive', nErrorCode);
    if (this.behaviour.stall) return;
    const got = this.readOnce();
    if (got === undefined) return;
    this.answer(got.bytes, got.from, got.port);
    const after = this.behaviour.afterReceive;
    if (after) {
      this.behaviour = { ...this.behaviour, afterReceive: undefined };
      this.act(after);
    }
  }

  protected override OnSend(nErrorCode: number): void {
    this.record('OnSend', nErrorCode);
  }

  protected override OnOutOfBandData(nErrorCode: number): void {
    this.record('OnOutOfBandData', nErrorCode);
  }

  protected override OnClose(nErrorCode: number): void {
    this.record('OnClose', nErrorCode);
    // FD_CLOSE comes as soon as the FIN arrives: what is still in the socket is read first (peers.md §2.1).
    if (nErrorCode === 0 && !this.behaviour.stall) while (this.readOnce() !== undefined);
    if (this.behaviour.closeOnClose ?? true) this.Close();
  }

  /** One Receive (ReceiveFrom on a datagram socket) of up to readChunk bytes, collected if asked; undefined when nothing came. */
  private readOnce(): { bytes: Uint8Array; from: string; port: number } | undefined {
    const buf = new Uint8Array(this.behaviour.readChunk ?? 65536);
    const from = { value: '' };
    const port = { value: 0 };
    const n = this.isDatagram() ? this.ReceiveFrom(buf, buf.length, from, port) : this.Receive(buf, buf.length);
    if (n <= 0) return undefined;
    const bytes = buf.subarray(0, n);
    if (this.behaviour.collect ?? (this.behaviour.reply ?? 'none') === 'none') this.received.push(...bytes);
    return { bytes, from: from.value, port: port.value };
  }

  /** Sends the reply to what was received (after delayMs), unless the behaviour is not to reply. */
  private answer(got: Uint8Array, from: string, port: number): void {
    const reply = this.behaviour.reply ?? 'none';
    if (reply === 'none' || this.replies === (this.behaviour.replyLimit ?? Infinity)) return;
    this.replies++;
    const text = new TextDecoder().decode(got);
    const answer = typeof reply === 'object' && 'bytes' in reply
      ? Uint8Array.from(reply.bytes)
      : new TextEncoder().encode(reply === 'same' ? text : reply === 'upper' ? text.toUpperCase() : `${reply.prefix}${text}`);
    const send = () => (this.isDatagram() ? this.SendTo(answer, answer.length, port, from) : this.Send(answer, answer.length));
    if (this.behaviour.delayMs) later(this.behaviour.delayMs, send);
    else send();
  }

  /** Shuts down the sending side (a FIN), or closes abortively (SO_LINGER {1,0}: a RST). */
  act(what: 'shutDown' | 'abort'): void {
    if (what === 'shutDown') {
      this.ShutDown(CAsyncSocket.sends);
      return;
    }
    this.SetSockOpt(W.SO_LINGER, new W.LINGER(1, 0).toBytes(), 4);
    this.Close();
  }

  /** Reads what the stalled socket left waiting (and collects it). */
  resume(): void {
    this.behaviour = { ...this.behaviour, stall: false };
    while (this.readOnce() !== undefined);
  }

  private greet(): void {
    const g = this.behaviour.greet;
    if (g) this.Send(Uint8Array.from(g), g.length);
  }

  private isDatagram(): boolean {
    const type = new Uint8Array(4);
    return this.GetSockOpt(W.SO_TYPE, type, { value: 4 }) && type[0] === W.SOCK_DGRAM;
  }

  private record(callback: string, nErrorCode: number): void {
    this.program.record(this.name, callback, nErrorCode);
  }
}


/** One peer: its sockets, its log, and the commands it understands. Lives on the peer's thread. */
export class PeerProgram {
  readonly connections: PeerSocket[] = [];
  readonly log: Row[] = [];
  /** An extension's own state, kept between its calls. */
  readonly state: Record<string, unknown> = {};
  private readonly listeners: PeerSocket[] = [];
  /** Sockets an extension made, closed at the end. */
  private readonly kept: CAsyncSocket[] = [];

  constructor(private readonly extension: PeerExtension = {}) {}

  /** Adds a row [name, callback, nErrorCode] to the log the spec reads back. */
  record(name: string, callback: string, nErrorCode: number): void {
    this.log.push([name, callback, nErrorCode]);
  }

  /** An extension's socket: closed when the program ends. */
  keep<S extends CAsyncSocket>(s: S): S {
    this.kept.push(s);
    return s;
  }

  /** Runs a command on the peer's thread and answers it. */
  handle(cmd: PeerCommand): PeerAnswer {
    switch (cmd.op) {
      case 'listen': {
        const listener = new PeerSocket('listener', this, cmd.behaviour);
        if (!listener.Create(cmd.port) || !listener.Listen()) return { error: `listen on port ${cmd.port} failed with ${W.WSAGetLastError()}` };
        this.listeners.push(listener);
        return { value: portOf(listener) };
      }
      case 'connect': {
        const s = new PeerSocket(`client ${this.connections.length}`, this, cmd.behaviour);
        if (!s.Create()) return { error: `Create failed with ${W.WSAGetLastError()}` };
        if (!s.Connect(cmd.host, cmd.port) && W.WSAGetLastError() !== W.WSAEWOULDBLOCK) return { error: `Connect failed with ${W.WSAGetLastError()}` };
        this.connections.push(s);
        return {};
      }
      case 'udpBind': {
        const s = new PeerSocket('udp', this, cmd.behaviour);
        if (!s.Create(cmd.port, W.SOCK_DGRAM)) return { error: `udp Create on port ${cmd.port} failed with ${W.WSAGetLastError()}` };
        this.connections.push(s);
        return { value: portOf(s) };
      }
      case 'send':
        return { value: this.conn(cmd.conn).Send(Uint8Array.from(cmd.bytes), cmd.bytes.length) };
      case 'sendPieces': {
        const s = this.conn(cmd.conn);
        cmd.pieces.forEach((piece, i) => {
          const send = () => void s.Send(Uint8Array.from(piece), piece.length);
          if (i === 0) send();
          else later(i * cmd.gapMs, send);
        });
        return {};
      }
      case 'sendAfter': {
        const s = this.conn(cmd.conn);
        later(cmd.delayMs, () => void s.Send(Uint8Array.from(cmd.bytes), cmd.bytes.length));
        return {};
      }
      case 'resume':
        this.conn(cmd.conn).resume();
        return {};
      case 'shutDown':
        return { value: this.conn(cmd.conn).ShutDown(cmd.how ?? CAsyncSocket.sends) ? 1 : 0 };
      case 'abort':
        this.conn(cmd.conn).act('abort');
        return {};
      case 'call': {
        const fn = this.extension[cmd.name];
        if (!fn) return { error: `the peer has no extension function ${cmd.name}` };
        return { result: fn(this, ...cmd.args) };
      }
      case 'close':
        this.conn(cmd.conn).Close();
        return {};
      case 'received':
        return { bytes: [...this.conn(cmd.conn).received] };
      case 'state':
        return { connections: this.connections.length, log: this.log.map((r) => [...r]) };
      case 'end':
        for (const s of [...this.listeners, ...this.connections, ...this.kept]) s.Close();
        return {};
    }
  }

  private conn(i = 0): PeerSocket {
    const s = this.connections[i];
    if (!s) throw new Error(`the peer has no connection ${i} (it has ${this.connections.length})`);
    return s;
  }
}

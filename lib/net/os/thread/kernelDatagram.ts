// A UDP socket on the network thread: a node:dgram socket between the two rings. A datagram that
// would take the unread payload over SO_RCVBUF is dropped, as a full receive buffer drops it.
// The default peer is Node's connect (so Linux filters senders and reports ICMP port unreachable,
// windows-facts A.13.5); a datagram sendto addresses elsewhere goes out between a disconnect and a
// reconnect (A.13.3), which is why every port is bound explicitly: Linux gives up a port it picked
// itself when the socket disconnects.
import { createSocket, type Socket } from 'node:dgram';
import type { NetError } from '../../network.ts';
import { ByteRing } from '../shared/byteRing.ts';
import { KernelBase } from './kernelBase.ts';
import { netErrorOf } from '../shared/nodeErrors.ts';
import { ipv4Number, ipv4Text } from './kernelConnection.ts';
import { epochOf, notify, releaseObject, reportNetDown, type KernelObject } from './kernelTable.ts';
import {
  CHANGE_READABLE, CHANGE_WRITABLE, DATAGRAM_HEADER_BYTES, KICK_SEND, OPTION_BROADCAST, RX_DATAGRAM_BYTES, RX_DATAGRAMS, RX_UNREACHABLE,
  WANT_WRITABLE,
} from '../shared/protocol.ts';

/** Tries at picking a free port and binding it explicitly before the bind fails (another program may take it in between). */
const EXPLICIT_PORT_TRIES = 8;

/** A datagram on its way out: its payload and where it goes. */
interface Outgoing {
  payload: Buffer;
  address: number;
  port: number;
}

export class KernelDatagram extends KernelBase implements KernelObject {
  private readonly rx: ByteRing;
  private readonly tx: ByteRing;
  private socket: Socket | null = null;
  private remote: { address: number; port: number } | null = null;
  /** Datagrams queued while Node connects the socket (it sends nothing before it is connected). */
  private whileConnecting: Outgoing[] | null = null;
  private receiveShut = false;
  private broadcast: boolean;

  constructor(
    id: number,
    owner: number,
    sab: SharedArrayBuffer,
    private readonly reuse: boolean,
    broadcast: boolean,
  ) {
    super(id, owner, sab);
    this.rx = ByteRing.receiveOf(sab, this.ctrl);
    this.tx = ByteRing.sendOf(sab, this.ctrl);
    this.broadcast = broadcast;
  }

  /** Binds `port`, or for port 0 a free port that Linux then counts as chosen by the program. */
  bind(address: number, port: number, done: (error?: NetError) => void, tries = EXPLICIT_PORT_TRIES): void {
    if (port !== 0) return this.bindExactly(address, port, done);
    const probe = createSocket({ type: 'udp4' });
    probe.once('error', (e: NodeJS.ErrnoException) => done(netErrorOf(e)));
    probe.bind({ address: ipv4Text(address), port: 0, exclusive: true }, () => {
      const free = probe.address().port;
      probe.close(() => this.bindExactly(address, free, (error) => {
        if (error === 'EADDRINUSE' && tries > 1 && !this.released) this.bind(address, 0, done, tries - 1);
        else done(error);
      }));
    });
  }

  private bindExactly(address: number, port: number, done: (error?: NetError) => void): void {
    const socket = createSocket({ type: 'udp4', reuseAddr: this.reuse });
    const start = (held: () => void) => socket.bind({ address: ipv4Text(address), port, exclusive: true }, held);
    this.bindWith(socket, start, address, () => {
      socket.on('message', (msg: Buffer, rinfo) => this.arrived(msg, ipv4Number(rinfo.address), rinfo.port));
      socket.on('error', (e: NodeJS.ErrnoException) => this.failed(e));
      if (this.broadcast) socket.setBroadcast(true);
      this.socket = socket;
      return socket.address().port;
    }, done);
  }

  /**
   * Linux reports an ICMP port unreachable to a connected socket as ECONNREFUSED on its next
   * receive (Node: an 'error' event); Windows reports it as WSAECONNRESET on the next recv.
   */
  private failed(e: NodeJS.ErrnoException): void {
    if (e.code !== 'ECONNREFUSED' || this.released || this.receiveShut) return;
    Atomics.add(this.ctrl, RX_UNREACHABLE, 1);
    notify(this, CHANGE_READABLE);
  }

  private arrived(msg: Buffer, address: number, port: number): void {
    if (this.released || this.receiveShut) return;
    // Between a disconnect and the reconnect of a sendto elsewhere, Linux lets anyone in.
    if (this.remote && (this.remote.address !== address || this.remote.port !== port)) return;
    const unread = Atomics.load(this.ctrl, RX_DATAGRAM_BYTES);
    if (unread + msg.length > this.rx.limit || this.rx.space() < DATAGRAM_HEADER_BYTES + msg.length) return;
    this.rx.writeDatagram(msg, address, port);
    Atomics.add(this.ctrl, RX_DATAGRAM_BYTES, msg.length);
    Atomics.add(this.ctrl, RX_DATAGRAMS, 1);
    notify(this, CHANGE_READABLE);
  }

  kick(bits: number): void {
    if (!(bits & KICK_SEND) || !this.socket) return;
    while (this.tx.used() > 0) {
      const d = this.tx.peekDatagram();
      const payload = Buffer.allocUnsafe(d.length);
      this.tx.readDatagram(payload, d.length, false);
      this.transmit({ payload, address: d.address, port: d.port });
    }
    if (Atomics.load(this.ctrl, WANT_WRITABLE) !== 0) {
      Atomics.store(this.ctrl, WANT_WRITABLE, 0);
      if (!this.released) notify(this, CHANGE_WRITABLE);
    }
  }

  /**
   * Sends one datagram where the application addressed it. Node refuses an address on a connected
   * socket, so a datagram for someone other than the peer leaves between a disconnect and a
   * reconnect to the same peer (sendto's address wins for that datagram: windows-facts A.13.3).
   * Port 0 cannot be sent to on Linux (EINVAL); Windows sends it to nobody (A.13.1), so it is
   * dropped here.
   */
  private transmit(d: Outgoing): void {
    const socket = this.socket;
    if (!socket) return;
    if (this.whileConnecting) {
      this.whileConnecting.push(d);
      return;
    }
    const remote = this.remote;
    if (remote && remote.address === d.address && remote.port === d.port) return void socket.send(d.payload);
    if (d.port === 0) return;
    if (!remote) return void socket.send(d.payload, d.port, ipv4Text(d.address));
    socket.disconnect();
    socket.send(d.payload, d.port, ipv4Text(d.address));
    this.reconnect(remote);
  }

  /** Connects Node's socket to `remote`, holding what is sent meanwhile until it is connected. */
  private reconnect(remote: { address: number; port: number }): void {
    const socket = this.socket!;
    const queued: Outgoing[] = (this.whileConnecting = []);
    socket.connect(remote.port, ipv4Text(remote.address), () => {
      if (this.whileConnecting === queued) this.whileConnecting = null;
      for (const d of queued) this.transmit(d);
    });
  }

  /** Sets the default peer (the OS then drops datagrams from anyone else); address 0 dissolves it. */
  connect(address: number, port: number): void {
    const socket = this.socket;
    if (!socket) return;
    if (this.whileConnecting) {
      // Node is still connecting to the previous peer: this change waits for it.
      socket.once('connect', () => this.connect(address, port));
      return;
    }
    if (this.remote) socket.disconnect();
    this.remote = address === 0 ? null : { address, port };
    if (this.remote) this.reconnect(this.remote);
  }

  shutdown(bits: number): void {
    if (bits & 1) this.receiveShut = true;
  }

  close(): void {
    this.released = true;
    const socket = this.socket;
    this.socket = null;
    if (!socket) return releaseObject(this);
    socket.close(() => releaseObject(this));
  }

  setOption(option: number, value: number): void {
    if (option !== OPTION_BROADCAST) return;
    this.broadcast = value !== 0;
    this.socket?.setBroadcast(this.broadcast);
  }

  netDown(): void {
    reportNetDown(this);
  }

  describeForAdoption(): Record<string, unknown> {
    return { kind: 'datagram', state: this.remote ? 'connected' : 'idle', remote: this.remote, broadcast: this.broadcast, receiveShut: this.receiveShut, epoch: epochOf(this) };
  }
}

// A UDP socket on the network thread: a node:dgram socket between the two rings. A datagram that
// would take the unread payload over SO_RCVBUF is dropped, as a full receive buffer drops it.
import { createSocket, type Socket } from 'node:dgram';
import type { NetError } from '../../network.ts';
import { ByteRing } from '../shared/byteRing.ts';
import { KernelBase } from './kernelBase.ts';
import { ipv4Number, ipv4Text } from './kernelConnection.ts';
import { epochOf, notify, releaseObject, reportNetDown, type KernelObject } from './kernelTable.ts';
import {
  CHANGE_READABLE, CHANGE_WRITABLE, DATAGRAM_HEADER_BYTES, KICK_SEND, OPTION_BROADCAST, RX_DATAGRAM_BYTES, RX_DATAGRAMS, WANT_WRITABLE,
} from '../shared/protocol.ts';

export class KernelDatagram extends KernelBase implements KernelObject {
  private readonly rx: ByteRing;
  private readonly tx: ByteRing;
  private socket: Socket | null = null;
  private remote: { address: number; port: number } | null = null;
  /** Datagrams queued while Node connects the socket (it sends nothing before it is connected). */
  private whileConnecting: Buffer[] | null = null;
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

  bind(address: number, port: number, done: (error?: NetError) => void): void {
    const socket = createSocket({ type: 'udp4', reuseAddr: this.reuse });
    const start = (held: () => void) => socket.bind({ address: ipv4Text(address), port, exclusive: true }, held);
    this.bindWith(socket, start, address, () => {
      socket.on('message', (msg: Buffer, rinfo) => this.arrived(msg, ipv4Number(rinfo.address), rinfo.port));
      if (this.broadcast) socket.setBroadcast(true);
      this.socket = socket;
      return socket.address().port;
    }, done);
  }

  private arrived(msg: Buffer, address: number, port: number): void {
    if (this.released || this.receiveShut) return;
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
      // A connected socket sends to its peer only (Node refuses an address on it).
      if (this.whileConnecting) this.whileConnecting.push(payload);
      else if (this.remote) this.socket.send(payload);
      else this.socket.send(payload, d.port, ipv4Text(d.address));
    }
    if (Atomics.load(this.ctrl, WANT_WRITABLE) !== 0) {
      Atomics.store(this.ctrl, WANT_WRITABLE, 0);
      if (!this.released) notify(this, CHANGE_WRITABLE);
    }
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
    if (!this.remote) return;
    const queued: Buffer[] = (this.whileConnecting = []);
    socket.connect(port, ipv4Text(address), () => {
      this.whileConnecting = null;
      for (const payload of queued) socket.send(payload);
    });
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

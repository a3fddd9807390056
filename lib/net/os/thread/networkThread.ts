// The network thread ("the kernel"): a worker started by the first thread that needs the OS
// network. It owns every node:net and node:dgram socket of the process, runs Node's event loop for
// them, and takes commands from its mailbox (pump's async message loop wakes it). It stops after
// IDLE_STOP_MS without kernel objects, and if it dies, every socket learns ENETDOWN on the way out.
import { lookup } from 'node:dns';
import { writeSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { GetCurrentThreadId, registerMailboxKind, runMessageLoopAsync, type MailRecord } from '../../../../pump/internal.ts';
import { ipv4Number, ipv4Text, KernelConnection } from './kernelConnection.ts';
import { KernelDatagram } from './kernelDatagram.ts';
import { KernelListener } from './kernelListener.ts';
import {
  afterNextPublication, allObjects, changeOwner, objectOf, openChannel, postPayload, putObject, releaseUser, reply, takePayload, write, type KernelObject,
} from './kernelTable.ts';
import {
  errorCode, KICK, LOCAL_PORT, NOTIFY_HANDED_OFF, OP_ACCEPT, OP_ADOPT, OP_BARRIER, OP_BIND_DATAGRAM, OP_BIND_STREAM, OP_CLOSE, OP_CONNECT_DATAGRAM,
  OP_CONNECT_STREAM, OP_CRASH, OP_HELLO, OP_HOLD_RECEIVES, OP_KICK, OP_LISTEN, OP_RELEASE, OP_RESOLVE, OP_SEND_BEYOND, OP_SET_OPTION, OP_SHUTDOWN, OPTION_KEEP_ALIVE, OPTION_NO_DELAY, RECORD_COMMAND,
  RECORD_NOTIFY,
} from '../shared/protocol.ts';
import { clearUsers, networkThreadId, setNetworkThreadId, withRegistryLock } from '../shared/registry.ts';

interface Command {
  op: number;
  from: number;
  id: number;
  token: number;
  a: number;
  b: number;
  c: number;
}

registerMailboxKind(RECORD_COMMAND, (r: MailRecord) => {
  const command: Command = { op: r[1]!, from: r[2]!, id: r[3]!, token: r[4]!, a: r[5]!, b: r[6]!, c: r[7]! };
  try {
    run(command);
  } catch (e) {
    // A bug here must not leave the asking thread waiting for ever. Written straight to the file
    // descriptor: a worker's process.stderr goes through its creator's event loop, which may be blocked.
    writeSync(2, `afxsock network thread: command ${command.op} for socket ${command.id} failed: ${(e as Error).stack}\n`);
    if (command.token) reply(command.from, command.token, errorCode('EINVAL'));
  }
});

function run({ op, from, id, token, a, b, c }: Command): void {
  switch (op) {
    case OP_HELLO:
      openChannel(from);
      return reply(from, token);
    case OP_BIND_STREAM: {
      const { sab } = takePayload<{ sab: SharedArrayBuffer }>(from);
      const listener = new KernelListener(id, from, sab);
      return listener.bind(a, b, (error) => created(listener, from, token, error, [listener.address, listener.port]));
    }
    case OP_LISTEN: {
      const listener = objectOf(id);
      if (!(listener instanceof KernelListener)) return reply(from, token, errorCode('EINVAL'));
      listener.listen(a, b);
      return reply(from, token);
    }
    case OP_CONNECT_STREAM:
      return connectStream(id, from, a, b, c !== 0);
    case OP_ACCEPT: {
      const { sab, childId } = takePayload<{ sab: SharedArrayBuffer; childId: number }>(from);
      const listener = objectOf(id);
      const child = listener instanceof KernelListener ? listener.accept(childId, sab, from) : 'EINVAL';
      if (typeof child === 'string') {
        releaseUser();
        return reply(from, token, errorCode(child));
      }
      putObject(child);
      return reply(from, token);
    }
    case OP_KICK: {
      const object = objectOf(id);
      if (object) object.kick(Atomics.exchange(object.ctrl, KICK, 0));
      return;
    }
    case OP_SEND_BEYOND: {
      // The payload is taken even for a socket that is gone, so the channel stays in step.
      const { sab, length } = takePayload<{ sab: SharedArrayBuffer; length: number }>(from);
      const connection = objectOf(id);
      if (connection instanceof KernelConnection) connection.sendBeyond(new Uint8Array(sab, 0, length));
      return;
    }
    case OP_SHUTDOWN:
      return objectOf(id)?.shutdown(a);
    case OP_CLOSE:
      return objectOf(id)?.close(a !== 0);
    case OP_SET_OPTION:
      return objectOf(id)?.setOption(a, b);
    case OP_BIND_DATAGRAM: {
      const { sab, reuse, broadcast } = takePayload<{ sab: SharedArrayBuffer; reuse: boolean; broadcast: boolean }>(from);
      const socket = new KernelDatagram(id, from, sab, reuse, broadcast);
      return socket.bind(a, b, (error) => created(socket, from, token, error, [a, Atomics.load(socket.ctrl, LOCAL_PORT)]));
    }
    case OP_CONNECT_DATAGRAM: {
      const socket = objectOf(id);
      if (socket instanceof KernelDatagram) socket.connect(a, b);
      return;
    }
    case OP_RESOLVE: {
      const { name } = takePayload<{ name: string }>(from);
      lookup(name, { family: 4 }, (err, address) => reply(from, token, err ? 0 : 1, err ? 0 : ipv4Number(address)));
      return;
    }
    case OP_BARRIER:
      // Two turns of the event loop: I/O that was ready when the barrier arrived has been handled.
      // Then the publication of what they changed (kernelTable's notify), so that it has reached the asking thread.
      setImmediate(() => setImmediate(() => afterNextPublication(() => reply(from, token))));
      return;
    case OP_ADOPT:
      return adopt(id, from, token);
    case OP_RELEASE:
      return releaseUser();
    case OP_HOLD_RECEIVES:
      for (const object of allObjects()) if (object instanceof KernelConnection) object.holdReceives(a !== 0);
      return reply(from, token);
    case OP_CRASH:
      setImmediate(() => {
        throw new Error('afxsock network thread: crash requested (fault injection)');
      });
      return;
    default:
      throw new RangeError(`Unknown command ${op}`);
  }
}

/** A bind finished: the object is kept (replacing one the socket had), or the counted user is let go. */
function created(object: KernelObject, from: number, token: number, error: string | undefined, endpoint: number[]): void {
  if (error) {
    if (!objectOf(object.id)) releaseUser();
    return reply(from, token, errorCode(error as never));
  }
  putObject(object);
  reply(from, token, 0, endpoint[0], endpoint[1]);
}

function connectStream(id: number, from: number, address: number, port: number, wasBound: boolean): void {
  const { sab, noDelay, keepAlive } = takePayload<{ sab: SharedArrayBuffer; noDelay: boolean; keepAlive: boolean }>(from);
  const previous = objectOf(id);
  // A bound socket gives up its placeholder listener and connects from the same address and port.
  const local = wasBound && previous instanceof KernelListener ? previous.stopForConnect() : undefined;
  const socket = netConnect({
    host: ipv4Text(address),
    port,
    localAddress: local ? ipv4Text(local.address) : undefined,
    localPort: local?.port || undefined,
    allowHalfOpen: true,
  });
  const connection = new KernelConnection(id, from, sab, socket, true);
  if (noDelay) connection.setOption(OPTION_NO_DELAY, 1);
  if (keepAlive) connection.setOption(OPTION_KEEP_ALIVE, 1);
  putObject(connection);
}

function adopt(id: number, from: number, token: number): void {
  const object = objectOf(id);
  // A socket its owner closed (maybe still sending its last bytes) is nobody's to take.
  if (!object || object.released) return reply(from, token, 0);
  const previousOwner = object.owner;
  changeOwner(object, from);
  openChannel(from);
  postPayload(from, { id, sab: object.sab, ...object.describeForAdoption() });
  reply(from, token, 1);
  if (previousOwner !== from) write(previousOwner, [RECORD_NOTIFY, id, NOTIFY_HANDED_OFF, 0, 0, 0, 0, 0]);
}

process.on('exit', () => {
  // Dying (or stopping): every socket fails with ENETDOWN, and nobody waits for this thread again.
  // Its kernel objects die with it, so they no longer count as open (issue 15.7a) — unless another
  // thread has already started the next network thread, whose count this is now.
  for (const object of allObjects()) object.netDown();
  const me = GetCurrentThreadId();
  withRegistryLock(() => {
    if (networkThreadId() !== me) return;
    setNetworkThreadId(0);
    clearUsers();
  });
});

await runMessageLoopAsync();

// The chat server, ported the way MFC's samples are written: a listening CAsyncSocket that
// accepts in OnAccept, and one socket per client that broadcasts every line it receives.
// A client names itself with "NICK <name>"; joins and leaves are announced to everyone.
import { CAsyncSocket, type IntRef, type StringRef } from '../../lib/index.ts';
import { LineSocket } from './LineSocket.ts';

class CClientSocket extends LineSocket {
  name = '?';
  constructor(private readonly server: ChatServer) {
    super();
  }

  protected override OnLine(line: string): void {
    if (line.startsWith('NICK ')) {
      this.name = line.slice(5);
      this.server.Broadcast(`* ${this.name} joined`);
    } else {
      this.server.Broadcast(`${this.name}: ${line}`);
    }
  }

  protected override OnClose(nErrorCode: number): void {
    void nErrorCode;
    this.server.Remove(this);
  }
}

class CListeningSocket extends CAsyncSocket {
  constructor(private readonly server: ChatServer) {
    super();
  }

  protected override OnAccept(nErrorCode: number): void {
    if (nErrorCode === 0) this.server.AcceptClient(this);
  }
}

export class ChatServer {
  private readonly listener = new CListeningSocket(this);
  private readonly clients: CClientSocket[] = [];
  private served = 0;
  /** Names of every socket the server had, by handle (for traces): its listener and one per client. */
  readonly socketNames = new Map<number, () => string>();

  /** Called when the last client has left (after at least one came). */
  onEmpty: () => void = () => {};

  /** Listens on address:port (port 0 picks one); returns the port, or 0 on failure. */
  Start(address: string, port: number): number {
    if (!this.listener.Create(port, undefined, undefined, address) || !this.listener.Listen()) return 0;
    this.socketNames.set(this.listener.m_hSocket, () => 'server listener');
    const host: StringRef = { value: '' };
    const bound: IntRef = { value: 0 };
    this.listener.GetSockName(host, bound);
    return bound.value;
  }

  AcceptClient(listener: CAsyncSocket): void {
    const client = new CClientSocket(this);
    if (listener.Accept(client)) {
      this.socketNames.set(client.m_hSocket, () => `server→${client.name}`);
      this.clients.push(client);
      this.served++;
    }
  }

  Broadcast(line: string): void {
    for (const c of this.clients) c.SendLine(line);
  }

  Remove(client: CClientSocket): void {
    client.Close();
    this.clients.splice(this.clients.indexOf(client), 1);
    this.Broadcast(`* ${client.name} left`);
    if (this.clients.length === 0 && this.served > 0) this.onEmpty();
  }

  Stop(): void {
    for (const c of this.clients) c.Close();
    this.clients.length = 0;
    this.listener.Close();
  }
}

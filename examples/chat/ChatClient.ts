// A chat client: a CAsyncSocket that connects, names itself, and hands every line it receives to
// a script (which may answer, or close the connection).
import { LineSocket } from './LineSocket.ts';

export class ChatClient extends LineSocket {
  /** Every line this client received, in order. */
  readonly heard: string[] = [];

  constructor(
    readonly nick: string,
    private readonly script: (client: ChatClient, line: string) => void,
  ) {
    super();
  }

  /** Creates the socket and starts connecting; the conversation begins in OnConnect. */
  Join(address: string, port: number): boolean {
    return this.Create() && (this.Connect(address, port) || ChatClient.GetLastError() === 10035 /* WSAEWOULDBLOCK */);
  }

  protected override OnConnect(nErrorCode: number): void {
    if (nErrorCode === 0) this.SendLine(`NICK ${this.nick}`);
    else this.heard.push(`(connect failed: ${nErrorCode})`);
  }

  protected override OnLine(line: string): void {
    this.heard.push(line);
    this.script(this, line);
  }

  protected override OnClose(nErrorCode: number): void {
    this.heard.push(nErrorCode === 0 ? '(server closed the connection)' : `(connection lost: ${nErrorCode})`);
    this.Close();
  }
}

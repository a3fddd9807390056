// CSocketFile: the CFile that lets a CArchive read from and write to a stream socket (mfc-semantics
// §5.1). Read and Write are MFC's own code (sockcore.cpp), translated; the positioning members are
// MFC's unsupported set. Two answers tell CArchive how to read from it: GetBufferPtr(bufferCheck)
// reports bufferBlocking (read only what is needed, a short read is not the end), and
// readableBytesNow() (ours) lets a read transaction stop instead of waiting.
import { SO_TYPE, SOCK_STREAM, SOCKET_ERROR, FIONREAD, INVALID_SOCKET, ioctlsocket, WSAEWOULDBLOCK, WSAGetLastError, WSASetLastError } from '../../winsock/index.ts';
import { CFile } from '../file/CFile.ts';
import { AfxThrowFileException, CFileException } from '../exceptions/CFileException.ts';
import { AfxThrowNotSupportedException } from '../exceptions/CNotSupportedException.ts';
import { bufferBytes, bufferCount } from '../file/byteCount.ts';
import { IMPLEMENT_DYNAMIC } from '../object/IMPLEMENT_SERIAL.ts';
import { CAsyncSocket } from './CAsyncSocket.ts';
import { CSocket } from './CSocket.ts';
import { selectReadable } from './selectReadable.ts';

/**
 * A file over a connected stream socket, for CArchive: what the archive writes is sent, what it
 * reads is received. One archive per direction; the socket stays the caller's to close.
 *
 * Emulates: MFC `CSocketFile(CSocket* pSocket, BOOL bArchiveCompatible = TRUE)` (afxsock.h,
 * sockcore.cpp; mfc-semantics §5.1): `m_pSocket`, `m_bArchiveCompatible`; Read is one blocking
 * Receive in archive-compatible mode (≥ 1 byte, or 0 once the peer closed) and a Receive loop until
 * `nCount` bytes (or the close) otherwise; Write is one Send (a CSocket sends everything); a
 * SOCKET_ERROR in either is `CFileException(generic)` with `m_lOsError` = the Winsock error. Open,
 * Duplicate, GetPosition, GetLength, SetLength, LockRange, UnlockRange and Abort throw
 * CNotSupportedException; Flush does nothing; Close only drops the socket pointer.
 * Differs from the documentation, following MFC's code: Seek does not throw, it returns 0 (the
 * documentation lists it among the members that throw CNotSupportedException, §5.1 item 2; MFC
 * only prints a debug warning unless it is Seek(0, current), and CArchive's Flush of a loading
 * archive relies on it). GetBufferPtr(bufferCheck) reports `CFile.bufferBlocking`, as later MFC's
 * CArchive expects of a socket file (the exact flag of MFC's body is unverified, §5.1 item 6).
 * Differs: MFC's debug ASSERTs in the constructor (a socket, a valid handle, SOCK_STREAM) are
 * TypeErrors here, in every build; Read and Write after Close (MFC dereferences NULL) are
 * TypeErrors. `pSocket` may also be a plain CAsyncSocket (MFC's parameter is a CSocket*): then
 * Read never waits (nothing received yet is a CFileException with WSAEWOULDBLOCK, which a read
 * transaction never reaches) and a Send that takes fewer than `nCount` bytes is a CFileException
 * with WSAEWOULDBLOCK rather than a silent loss.
 * Beyond MFC: `readableBytesNow()`, which CArchive's read transactions use (see CFile).
 *
 * @example
 * const sockClient = new CSocket();
 * sockClient.Create();
 * sockClient.Connect('beta', 7000);
 * const file = new CSocketFile(sockClient);
 * const arOut = new CArchive(file, CArchive.store);
 * arOut.writeDWORD(42);
 * arOut.Flush(); // sends 2A 00 00 00
 * const arIn = new CArchive(file, CArchive.load);
 * const reply = arIn.readDWORD(); // waits for four bytes
 */
export class CSocketFile extends CFile {
  /** The socket, or null after Close. Emulates: `CSocketFile::m_pSocket`. */
  m_pSocket: CSocket | CAsyncSocket | null;
  /** Read returns after one Receive (true) or only once nCount bytes arrived. Emulates: `CSocketFile::m_bArchiveCompatible`. */
  m_bArchiveCompatible: boolean;

  /**
   * Emulates: `CSocketFile::CSocketFile(CSocket* pSocket, BOOL bArchiveCompatible = TRUE)`. Pass
   * false only when the file is used without an archive (MFC: "stand-alone").
   */
  constructor(pSocket: CSocket | CAsyncSocket, bArchiveCompatible = true) {
    super();
    if (!(pSocket instanceof CAsyncSocket)) throw new TypeError('CSocketFile: pSocket must be a CSocket');
    if (pSocket.m_hSocket === INVALID_SOCKET) throw new TypeError('CSocketFile: the socket has no handle (Create or Accept it first)');
    const nType = new Uint8Array(4);
    const saved = WSAGetLastError();
    if (!pSocket.GetSockOpt(SO_TYPE, nType, { value: 4 }) || new DataView(nType.buffer).getInt32(0, true) !== SOCK_STREAM) {
      WSASetLastError(saved);
      throw new TypeError(`CSocketFile: socket 0x${pSocket.m_hSocket.toString(16)} is not a SOCK_STREAM socket`);
    }
    this.m_pSocket = pSocket;
    this.m_bArchiveCompatible = bArchiveCompatible;
  }

  /**
   * Emulates: `CSocketFile::Read`: archive-compatible, one Receive — it waits until at least one
   * byte has arrived and may return fewer than `nCount`; 0 once the peer has closed gracefully.
   * Otherwise Receive again until `nCount` bytes arrived or a Receive returns 0 (the count so far).
   * `nCount` is a UINT as C converts it; more than `lpBuf` holds is CInvalidArgException (issue 15.4).
   * @throws CFileException generic with m_lOsError = the Winsock error, when a Receive fails.
   */
  override Read(lpBuf: ArrayBufferView, nCount: number): number {
    const socket = this.socket('Read');
    const bytes = bufferBytes(lpBuf, 'CSocketFile.Read');
    nCount = bufferCount(bytes, nCount, 'CSocketFile.Read', 'nCount');
    if (!this.m_bArchiveCompatible) {
      let nLeft = nCount;
      while (nLeft > 0) {
        const nRead = socket.Receive(bytes.subarray(nCount - nLeft), nLeft);
        if (nRead === SOCKET_ERROR) throwSocketError();
        if (nRead === 0) break;
        nLeft -= nRead;
      }
      return nCount - nLeft;
    }
    const nRead = socket.Receive(bytes, nCount, 0);
    if (nRead === SOCKET_ERROR) throwSocketError();
    return nRead;
  }

  /**
   * Emulates: `CSocketFile::Write`: one Send, which for a CSocket returns only once every byte is
   * in the send buffer.
   * `nCount` is a UINT as C converts it; more than `lpBuf` holds is CInvalidArgException.
   * @throws CFileException generic with m_lOsError = the Winsock error, when the Send fails.
   */
  override Write(lpBuf: ArrayBufferView, nCount: number): void {
    const socket = this.socket('Write');
    const bytes = bufferBytes(lpBuf, 'CSocketFile.Write');
    nCount = bufferCount(bytes, nCount, 'CSocketFile.Write', 'nCount');
    const nWritten = socket.Send(bytes, nCount);
    if (nWritten === SOCKET_ERROR) throwSocketError();
    // Only a plain CAsyncSocket sends short; MFC's CSocket never does, and MFC ignores the count.
    if (nWritten < nCount && !(socket instanceof CSocket)) AfxThrowFileException(CFileException.generic, WSAEWOULDBLOCK);
  }

  /**
   * Emulates: `CSocketFile::Close`: forgets the socket, which stays open (the caller closes it).
   * Read and Write are then TypeErrors (MFC would dereference NULL).
   */
  override Close(): void {
    this.m_pSocket = null;
  }

  /** Emulates: `CSocketFile::Flush`: nothing to do — Write has already sent everything. */
  override Flush(): void {}

  /**
   * Emulates: `CSocketFile::Seek`: a socket cannot seek, so nothing moves and the result is 0.
   * Differs from the documentation, which says it throws CNotSupportedException; MFC's code returns
   * 0 (with a debug warning unless it is Seek(0, current)). A loading CArchive's Flush or Close
   * seeks back over its unread bytes: on a socket they are simply dropped.
   */
  override Seek(_lOff: number, _nFrom: number): number {
    return 0;
  }

  /** Emulates: `CSocketFile::Open`: not supported (a socket file is made from a socket). */
  override Open(_lpszFileName: string, _nOpenFlags: number, _pError: CFileException | null = null): boolean {
    return AfxThrowNotSupportedException('CSocketFile.Open');
  }

  /** Emulates: `CSocketFile::Duplicate`: not supported. */
  Duplicate(): CFile {
    return AfxThrowNotSupportedException('CSocketFile.Duplicate');
  }

  /** Emulates: `CSocketFile::GetPosition`: not supported (a stream has no position). */
  override GetPosition(): number {
    return AfxThrowNotSupportedException('CSocketFile.GetPosition');
  }

  /** Emulates: `CSocketFile::GetLength`: not supported (a stream has no length). */
  override GetLength(): number {
    return AfxThrowNotSupportedException('CSocketFile.GetLength');
  }

  /** Emulates: `CSocketFile::SetLength`: not supported. */
  override SetLength(_dwNewLen: number): void {
    AfxThrowNotSupportedException('CSocketFile.SetLength');
  }

  /** Emulates: `CSocketFile::LockRange`: not supported. */
  override LockRange(_dwPos: number, _dwCount: number): void {
    AfxThrowNotSupportedException('CSocketFile.LockRange');
  }

  /** Emulates: `CSocketFile::UnlockRange`: not supported. */
  override UnlockRange(_dwPos: number, _dwCount: number): void {
    AfxThrowNotSupportedException('CSocketFile.UnlockRange');
  }

  /** Emulates: `CSocketFile::Abort`: not supported (MFC throws; an archive's Abort never calls it). */
  override Abort(): void {
    AfxThrowNotSupportedException('CSocketFile.Abort');
  }

  /**
   * Emulates: `CSocketFile::GetBufferPtr(bufferCheck)` of later MFC: `CFile.bufferBlocking` — a
   * Read may wait, so CArchive asks only for the bytes the value being loaded still lacks, and a
   * short Read is not the end of the data (mfc-semantics §5.3 item 9). Other commands: not supported.
   */
  override GetBufferPtr(nCommand: number, _nCount = 0): number {
    if (nCommand !== CFile.bufferCheck) AfxThrowNotSupportedException('CSocketFile.GetBufferPtr: only bufferCheck');
    return CFile.bufferBlocking;
  }

  /**
   * Ours: the bytes a Read can return without waiting — the count ioctlsocket(FIONREAD) reports —
   * and `Infinity` when none are there but a Receive would still return at once (the peer closed,
   * the connection failed, or the file was closed). The last Winsock error is left as it was.
   * Assumes a non-blocking socket, as every socket is once AsyncSelect ran (Create does it): on a
   * socket the application made blocking again (AsyncSelect(0), then IOCtl FIONBIO 0), the
   * end-of-stream test would wait.
   */
  override readableBytesNow(): number {
    const socket = this.m_pSocket;
    if (!socket) return Infinity; // Read fails at once
    const saved = WSAGetLastError();
    const nBytes = { value: 0 };
    const failed = ioctlsocket(socket.m_hSocket, FIONREAD, nBytes) === SOCKET_ERROR;
    const available = failed ? Infinity : nBytes.value > 0 ? nBytes.value : selectReadable(socket.m_hSocket, true) === 0 ? 0 : Infinity;
    WSASetLastError(saved);
    return available;
  }

  /** The socket of a Read or Write; after Close there is none. */
  private socket(member: string): CSocket | CAsyncSocket {
    if (!this.m_pSocket) throw new TypeError(`CSocketFile.${member}: the file is closed (Close dropped its socket)`);
    return this.m_pSocket;
  }
}

IMPLEMENT_DYNAMIC(CSocketFile, CFile);

/** MFC's `AfxThrowFileException(CFileException::generic, m_pSocket->GetLastError())`. */
function throwSocketError(): never {
  return AfxThrowFileException(CFileException.generic, CAsyncSocket.GetLastError());
}

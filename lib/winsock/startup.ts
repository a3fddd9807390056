// WSAStartup / WSACleanup: a process-wide reference count, as Winsock keeps one.
import { WSANOTINITIALISED, WSAVERNOTSUPPORTED, SOCKET_ERROR } from './constants.ts';
import { wsaFail } from './lastError.ts';

/** Emulates: WSADATA (the fields a WinSock 1.1/2.2 caller reads). */
export class WSADATA {
  wVersion = 0;
  wHighVersion = 0;
  szDescription = '';
  szSystemStatus = '';
  iMaxSockets = 0;
  iMaxUdpDg = 0;
}

let startups = 0;

/**
 * Emulates: WSAStartup. Grants min(requested, 2.2); below 1.1 fails with WSAVERNOTSUPPORTED
 * (returned, as WSAStartup reports errors by its result, not WSAGetLastError).
 * The version word is MAKEWORD(major, minor): low byte major.
 */
export function WSAStartup(wVersionRequested: number, lpWSAData: WSADATA): number {
  const major = wVersionRequested & 0xff;
  const minor = (wVersionRequested >>> 8) & 0xff;
  if (major < 1 || (major === 1 && minor < 1)) return WSAVERNOTSUPPORTED;
  const granted = major > 2 || (major === 2 && minor > 2) ? 0x0202 : wVersionRequested & 0xffff;
  lpWSAData.wVersion = granted;
  lpWSAData.wHighVersion = 0x0202;
  lpWSAData.szDescription = 'afxsock Winsock emulation';
  lpWSAData.szSystemStatus = 'Running';
  lpWSAData.iMaxSockets = 0;
  lpWSAData.iMaxUdpDg = 0;
  startups++;
  return 0;
}

/**
 * Emulates: WSACleanup. Differs: sockets left open stay open (Windows closes them when the count
 * reaches 0); the empty-world check of the specs reports them instead.
 */
export function WSACleanup(): number {
  if (startups === 0) return wsaFail(WSANOTINITIALISED, SOCKET_ERROR);
  startups--;
  return 0;
}

/** True between WSAStartup and the matching WSACleanup. */
export function isWinsockStarted(): boolean {
  return startups > 0;
}

// Node's errno codes (libuv's names for the POSIX errors) as the kernel interface's NetError.
import type { NetError } from '../../network.ts';

const MAP: Record<string, NetError> = {
  ECONNREFUSED: 'ECONNREFUSED',
  ECONNRESET: 'ECONNRESET',
  EPIPE: 'ECONNRESET',
  ECONNABORTED: 'ECONNABORTED',
  ETIMEDOUT: 'ETIMEDOUT',
  EHOSTUNREACH: 'EHOSTUNREACH',
  ENETUNREACH: 'EHOSTUNREACH',
  EHOSTDOWN: 'EHOSTUNREACH',
  ENETDOWN: 'ENETDOWN',
  EADDRINUSE: 'EADDRINUSE',
  EADDRNOTAVAIL: 'EADDRNOTAVAIL',
  EACCES: 'EACCES',
  EPERM: 'EACCES',
  EINVAL: 'EINVAL',
  EMSGSIZE: 'EMSGSIZE',
  ENOTCONN: 'ENOTCONN',
  EISCONN: 'EISCONN',
  EALREADY: 'EALREADY',
};

/** The NetError for a Node error; anything unexpected counts as an aborted connection. */
export function netErrorOf(error: NodeJS.ErrnoException | undefined): NetError {
  return (error?.code && MAP[error.code]) || 'ECONNABORTED';
}

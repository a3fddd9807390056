// pump's internal door, for lib/ only (package.json#exports does not list it): everything public,
// plus the hooks the socket layers build on — extension mail kinds and mailboxes (the network
// thread's wake-ups), event sources (a network on virtual time) and the helper every Win32 facade
// uses to fail the Windows way.
export * from './index.ts';
export type { EventSource } from './eventSource.ts';
export { fail } from './api/lastError.ts';
export { calendarSeconds } from './clock.ts';
export { labelWaitsOf } from './api/wait.ts';
export { FIRST_EXTENSION_KIND, type MailRecord } from './mailbox.ts';
export { registerMailboxKind, mailboxOfThread } from './threadContext.ts';

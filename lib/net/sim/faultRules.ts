// Faults come from an ordered chain of rules that a spec installs and removes. Each packet leaving
// a host is shown to the rules in order; the first rule that matches decides its fate. A packet
// no rule matches passes. Rules see packets, not sockets, so the same chain works for TCP and UDP.
import type { Endpoint } from '../ipv4.ts';

/** What a rule sees of a packet. */
export interface PacketInfo {
  protocol: 'tcp' | 'udp';
  /** TCP: 'syn', 'synack', 'ack' (the handshake's last leg), 'data', 'urgent', 'fin' or 'rst'. UDP: 'datagram'. */
  kind: string;
  from: Endpoint;
  to: Endpoint;
  /** Payload bytes. */
  bytes: number;
  /** How many times this packet was sent before (TCP retransmissions). */
  attempt: number;
}

/**
 * What happens to a matching packet:
 * - 'pass': delivered normally;
 * - { delayMs }: delivered `delayMs` later than normal (on TCP everything behind it waits too);
 * - 'drop': lost (TCP retransmits it after `retransmitTimeoutMs`; UDP loses it);
 * - 'reset': TCP: both ends of the connection receive a reset instead; UDP: lost.
 */
export type FaultAction = 'pass' | 'drop' | 'reset' | { delayMs: number };

/** One rule of the chain. */
export interface FaultRule {
  /** Shown in world dumps. */
  name: string;
  /** Which packets the rule applies to; all when omitted. */
  match?: (packet: PacketInfo) => boolean;
  action: FaultAction;
  /** The rule removes itself after deciding this many packets; unlimited when omitted. */
  times?: number;
}

/** The ordered chain of fault rules of one network. */
export class FaultChain {
  private readonly rules: { rule: FaultRule; left: number }[] = [];

  /** Appends a rule; returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const entry = { rule, left: rule.times ?? Infinity };
    this.rules.push(entry);
    return () => {
      const i = this.rules.indexOf(entry);
      if (i >= 0) this.rules.splice(i, 1);
    };
  }

  clear(): void {
    this.rules.length = 0;
  }

  get size(): number {
    return this.rules.length;
  }

  /** The fate of one packet. */
  decide(packet: PacketInfo): FaultAction {
    for (let i = 0; i < this.rules.length; i++) {
      const entry = this.rules[i]!;
      if (entry.rule.match && !entry.rule.match(packet)) continue;
      if (--entry.left <= 0) this.rules.splice(i, 1);
      return entry.rule.action;
    }
    return 'pass';
  }

  describe(): string[] {
    return this.rules.map(({ rule, left }) => {
      const action = typeof rule.action === 'object' ? `delay ${rule.action.delayMs} ms` : rule.action;
      return `fault rule ${rule.name}: ${action}${left === Infinity ? '' : ` (${left} left)`}`;
    });
  }
}

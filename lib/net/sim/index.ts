// The deterministic simulated network: the first implementation of the kernel interface.
export { SimNetwork, DEFAULT_SEED, DEFAULT_SIM_NETWORK_OPTIONS, type SimNetworkOptions, type NetClock } from './simNetwork.ts';
export { SimHost, EPHEMERAL_PORT_FIRST, EPHEMERAL_PORT_LAST } from './simHost.ts';
export { UDP_PAYLOAD_MAX } from './datagramSocket.ts';
export { FaultChain, type FaultAction, type FaultRule, type PacketInfo } from './faultRules.ts';

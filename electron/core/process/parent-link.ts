/**
 * The child side of a supervised process: the same code runs as an Electron utilityProcess
 * (messages through `process.parentPort`) and as a Node child in browser mode (`process.send`).
 *
 * Under Electron only main can start processes, so main starts the sync and signer processes on
 * the core's behalf and hands each end of a fresh MessageChannel to the two of them
 * (docs/architecture.md#processes): the child then talks to the core over that port and main never
 * sees what they say (the signer's PIN, the axis secret). A child's link switches to the port as
 * soon as it arrives; what it sends before is kept until then.
 */
import { isPortHandover, type UtilityMessagePort } from './message-port.js';

export interface ParentLink<In, Out> {
  send(message: Out): void;
  onMessage(handler: (message: In) => void): void;
}

/** The slice of Electron's utility-process global this module needs (no electron import). */
export interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown; ports: readonly UtilityMessagePort[] }) => void): void;
}

export interface ParentLinkOptions {
  /**
   * A port main handed over with `message` (see message-port.ts). Without this option, the first
   * port becomes the link itself: the process is a child main started for the core.
   */
  onPort?(message: unknown, port: UtilityMessagePort): void;
}

export function connectToParent<In, Out>(options: ParentLinkOptions = {}): ParentLink<In, Out> {
  const parentPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (parentPort) return linkOverParentPort(parentPort, options);
  const send = process.send?.bind(process);
  if (send) {
    return {
      send: (message) => {
        if (process.connected) send(message);
      },
      onMessage: (handler) => process.on('message', (message) => handler(message as In)),
    };
  }
  throw new Error('This VanThu process must be started by the app (no parent channel).');
}

/** The link of a utilityProcess child, over Electron's `process.parentPort`. */
export function linkOverParentPort<In, Out>(parentPort: UtilityParentPort, options: ParentLinkOptions = {}): ParentLink<In, Out> {
  const handlers: ((message: In) => void)[] = [];
  const deliver = (message: unknown) => handlers.forEach((handler) => handler(message as In));
  let peer: UtilityMessagePort | null = null;
  const early: Out[] = [];
  parentPort.on('message', ({ data, ports }) => {
    const port = ports[0];
    if (!port || !isPortHandover(data)) return deliver(data);
    if (options.onPort) return options.onPort(data, port);
    peer = port;
    port.on('message', (event) => deliver(event.data));
    port.start();
    for (const message of early.splice(0)) port.postMessage(message);
  });
  return {
    send: (message) => {
      if (peer) peer.postMessage(message);
      else if (options.onPort) parentPort.postMessage(message);
      else early.push(message);
    },
    onMessage: (handler) => handlers.push(handler),
  };
}

/**
 * The child side of a supervised process: the same code runs as an Electron utilityProcess
 * (messages through `process.parentPort`) and as a Node child in browser mode (`process.send`).
 */
export interface ParentLink<In, Out> {
  send(message: Out): void;
  onMessage(handler: (message: In) => void): void;
}

/** The slice of Electron's utility-process global this module needs (no electron import). */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent<In, Out>(): ParentLink<In, Out> {
  const parentPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (handler) => parentPort.on('message', (event) => handler(event.data as In)),
    };
  }
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

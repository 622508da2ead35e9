/**
 * A TCP relay between one desk and the hub: the desk's network cable, which a spec can pull and
 * plug back in. Cut, it drops the connections it carries and refuses new ones (the desk sees
 * resets, as on a network that went down), while the hub and the other desks go on.
 */
import net, { type Socket } from 'node:net';

export interface LinkRelay {
  /** The address the desk is given for the hub. */
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startLinkRelay(target: string): Promise<LinkRelay> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let down = false;
  const server = net.createServer((desk) => {
    if (down) return void desk.destroy();
    const hub = net.connect(Number(port), hostname);
    for (const socket of [desk, hub]) {
      open.add(socket);
      socket.once('close', () => {
        open.delete(socket);
        desk.destroy();
        hub.destroy();
      });
      // A reset on one side ends both: 'close' follows.
      socket.on('error', () => undefined);
    }
    desk.pipe(hub);
    hub.pipe(desk);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const relayPort = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${relayPort}`,
    cut: () => {
      down = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      down = false;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

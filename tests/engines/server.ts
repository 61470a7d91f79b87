// The built app served as `npm start` serves it (scripts/static-server.js: .br and .gz files,
// ETags, the app's 404 page),
// on a port of its own, counting the requests that reach it per path. It can be stopped and
// started again on the same origin, which is how the offline check takes the network away.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { staticHandler } from '../../scripts/static-server.js';

export interface CountingServer {
  origin: string;
  /** How many requests for `path` (no query) reached the server since the last reset. */
  hits(path: string): number;
  reset(): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function serveBuild(dir = 'build'): Promise<CountingServer> {
  const counts = new Map<string, number>();
  const files = staticHandler(dir);
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        counts.set(path, (counts.get(path) ?? 0) + 1);
        files(request, response);
      });
      next.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        const address = next.address();
        if (address && typeof address === 'object') port = address.port;
        server = next;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      // Kept-alive connections would otherwise keep answering after close().
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
      server = undefined;
    });

  await start();
  return {
    origin: `http://127.0.0.1:${port}`,
    hits: (path) => counts.get(path) ?? 0,
    reset: () => counts.clear(),
    stop,
    start
  };
}

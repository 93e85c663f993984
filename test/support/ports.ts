/**
 * Free TCP ports on the loopback interface, for test servers that must be started as separate processes.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';

/**
 * Asks the kernel for a free TCP port on 127.0.0.1 by binding port 0 and closing the socket again.
 *
 * Edge case: another process may grab the port between this call and the caller's bind; callers that start a child
 * process should retry on "address in use". Reference: POSIX `bind(2)` with port 0.
 * @returns a port number in the ephemeral range.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('freePort: the server has no TCP address'));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}

/** An HTTP test server listening on 127.0.0.1: its base URL and a close that drops open connections. */
export interface LoopbackListener {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Closes every connection (keep-alive ones too) and the listening socket. */
  close(): Promise<void>;
}

/**
 * Starts `server` on an ephemeral port of 127.0.0.1 (never a public interface).
 *
 * @param server an HTTP server not yet listening.
 * @param what names the server in the error thrown when it has no TCP address.
 * @returns its base URL and a close function.
 */
export async function listenOnLoopback(server: HttpServer, what: string): Promise<LoopbackListener> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`${what} has no TCP address`);
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

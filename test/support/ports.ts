/**
 * Free TCP ports on the loopback interface, for test servers that must be started as separate processes.
 */
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

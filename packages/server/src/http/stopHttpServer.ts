import type { Server } from 'node:http';

/**
 * Stops accepting connections, lets requests in flight finish, and only after `graceMs` cuts the
 * connections that are still busy. Close the database and Redis after this resolves, not before:
 * a request still running must not find its pools gone.
 */
export function stopHttpServer(server: Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

import { createServer, type Server } from 'node:http';

/**
 * The far end of the Slack and messaging webhooks: records every Idempotency-Key it receives, and
 * when (so a test can tell a redelivery after a crash from a double delivery).
 */
export async function startSink(): Promise<{ url: string; received: Map<string, number>; receipts: Array<{ key: string; at: number }>; close(): Promise<void> }> {
  const received = new Map<string, number>();
  const receipts: Array<{ key: string; at: number }> = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string') {
        received.set(key, (received.get(key) ?? 0) + 1);
        receipts.push({ key, at: Date.now() });
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    receipts,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signIntake } from '../src/intake/signature.js';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real HTTP server standing in for Slack or a team's webhook receiver. `answer` decides each
 * response (status and headers); it can be stopped (connection refused) and started again on the
 * same port.
 */
export class FarEnd {
  /** Requests answered 2xx. */
  received: Received[] = [];
  /** Every request, whatever the answer. */
  hits: Received[] = [];
  answer: (r: Received) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200 });
  private server: Server | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        this.hits.push(r);
        const a = this.answer(r);
        if (a.status >= 200 && a.status < 300) this.received.push(r);
        res.writeHead(a.status, a.headers ?? {}).end(a.body ?? (a.status < 300 ? 'ok' : 'nope'));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Bodies of the accepted requests, parsed. */
  bodies(): any[] {
    return this.received.map((r) => JSON.parse(r.body));
  }
}

export const INTAKE_SECRET = 'intake-secret-for-tests-0123456789';

/** POST a signed intake webhook, as the booking system would. */
export async function signedPost(
  baseUrl: string,
  path: string,
  body: unknown,
  opts: { now: Date; secret?: string; timestamp?: number; tamper?: (raw: string) => string },
): Promise<{ status: number; body: any }> {
  const raw = JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(opts.now.getTime() / 1000));
  const signature = signIntake(opts.secret ?? INTAKE_SECRET, ts, raw);
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amends-timestamp': ts, 'x-amends-signature': signature },
    body: opts.tamper ? opts.tamper(raw) : raw,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

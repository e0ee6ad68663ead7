/**
 * Open-loop load: requests start on a fixed schedule (`rate` per second, evenly spaced) whether or not
 * earlier ones were answered, over at most `connections` keep-alive sockets. Latency counts from the
 * scheduled start, so time spent waiting for a free socket is latency too (no coordinated omission).
 * autocannon's `overallRate` sends each second's quota at the start of the second, which measures
 * bursts instead.
 */
import http from 'node:http';
import type { CannonResult } from './http.js';

export async function paced(
  url: string,
  connections: number,
  seconds: number,
  rate: number,
  req: { path: () => string; body: string; token?: string | undefined },
): Promise<CannonResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const base = new URL(url);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(req.body) };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const total = Math.max(1, Math.round(rate * seconds));
  const t0 = performance.now();
  let sent = 0;
  let answered = 0;
  await new Promise<void>((done) => {
    const one = (scheduled: number) => {
      const r = http.request({ host: base.hostname, port: base.port, path: req.path(), method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - scheduled);
          if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) ok++;
          else non2xx++;
          if (++answered === total) done();
        });
      });
      r.on('error', () => {
        errors++;
        if (++answered === total) done();
      });
      r.end(req.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + (sent * 1000) / rate <= now) one(t0 + (sent++ * 1000) / rate);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const mean = latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length);
  return { perSec: ok / elapsed, ok, non2xx, errors, p50: at(0.5), p99: at(0.99), mean, seconds: elapsed };
}

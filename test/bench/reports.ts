/**
 * Reports and memory over a large history: the real server in a child process on a built database,
 * GET /api/v1/reports/compensation (this month, and the whole past year), the scenario and handler
 * reports (month and year), a few pages of the case
 * list, then the server's resident memory. Run on a small and on a large database, memory must not
 * follow the size of the history.
 */
import { ServerChild } from './http.js';
import { median, now } from './util.js';

export interface ReportResult {
  cases: number;
  monthMs: number;
  yearMs: number;
  listMs: number;
  monthRows: number;
  /** The scenario and handler reports over this month and over the past year. */
  scenariosMonthMs: number;
  scenariosYearMs: number;
  handlersMonthMs: number;
  handlersYearMs: number;
  rssBefore: number;
  rssAfter: number;
  heapUsed: number;
}

async function timed(url: string, token: string, times: number): Promise<{ ms: number; body: unknown }> {
  const samples: number[] = [];
  let body: unknown;
  for (let i = 0; i < times; i++) {
    const t0 = now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    body = await res.json();
    samples.push(now() - t0);
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  }
  return { ms: median(samples), body };
}

export async function reportAndMemory(file: string, cases: number, leadToken: string, repeat: number): Promise<ReportResult> {
  const child = await ServerChild.start({ BENCH_MODE: 'amends', BENCH_DB: file });
  try {
    const base = child.ready.url;
    const before = await child.memory();
    // One untimed round first, so that JIT warm-up does not land in the small database's numbers.
    await timed(`${base}/api/v1/cases?limit=50`, leadToken, 3);
    await timed(`${base}/api/v1/reports/compensation`, leadToken, 1);
    // The case list, newest first, a few pages deep with the cursor; and the open ones.
    let cursor: string | null = null;
    const listSamples: number[] = [];
    for (let page = 0; page < 5; page++) {
      const r = await timed(`${base}/api/v1/cases?limit=50${cursor ? `&cursor=${cursor}` : ''}`, leadToken, 1);
      listSamples.push(r.ms);
      cursor = (r.body as { nextCursor: string | null }).nextCursor;
      if (!cursor) break;
    }
    await timed(`${base}/api/v1/cases?status=open&limit=200`, leadToken, 1);
    const month = await timed(`${base}/api/v1/reports/compensation`, leadToken, repeat);
    const from = new Date(Date.now() - 366 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const year = await timed(`${base}/api/v1/reports/compensation?from=${from}&to=${to}`, leadToken, Math.max(1, Math.ceil(repeat / 2)));
    // Exact instants, not dates: the partial days at both ends are read from the case rows.
    const yearQuery = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const scenariosMonth = await timed(`${base}/api/v1/reports/scenarios`, leadToken, repeat);
    const scenariosYear = await timed(`${base}/api/v1/reports/scenarios?${yearQuery}`, leadToken, Math.max(1, Math.ceil(repeat / 2)));
    const handlersMonth = await timed(`${base}/api/v1/reports/handlers`, leadToken, repeat);
    const handlersYear = await timed(`${base}/api/v1/reports/handlers?${yearQuery}`, leadToken, Math.max(1, Math.ceil(repeat / 2)));
    const after = await child.memory();
    return {
      cases,
      monthMs: month.ms,
      yearMs: year.ms,
      listMs: median(listSamples),
      monthRows: (month.body as { items: unknown[] }).items.length,
      scenariosMonthMs: scenariosMonth.ms,
      scenariosYearMs: scenariosYear.ms,
      handlersMonthMs: handlersMonth.ms,
      handlersYearMs: handlersYear.ms,
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapUsed: after.heapUsed,
    };
  } finally {
    await child.close();
  }
}

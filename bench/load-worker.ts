// A load generator in its own process, so that it does not share the server's event loop.
// Reads { url, method, requests: [{ headers, body? }], concurrency } as JSON on stdin; writes
// { results: string[] ("<status>:<body.status|body.result>"), latencies: number[], seconds } on stdout.
import { request, runBounded } from './support.js';

type Job = { headers: Record<string, string>; body?: string };

const input = JSON.parse(await new Promise<string>((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (c: string) => (text += c));
  process.stdin.on('end', () => resolve(text));
})) as { url: string; method: string; requests: Job[]; concurrency: number };

const run = await runBounded(
  input.requests.map((job) => async () => {
    const res = await request(input.url, { method: input.method, headers: job.headers, body: job.body });
    const body = JSON.parse(res.body) as { status?: string; result?: string };
    return `${res.status}:${body.status ?? body.result}`;
  }),
  input.concurrency,
);
process.stdout.write(JSON.stringify(run));
process.exit(0);

// A load generator in its own process, so that it does not share the server's event loop.
// Reads { url, method, requests: [{ headers, body? }], concurrency, warmup? } as JSON on stdin;
// sends the warm-up requests first, unmeasured (both processes' JIT compilers get to work, as in
// a server that has been up for a while), then the measured ones. Writes { results: string[]
// ("<status>:<body.status|body.result>"), latencies: number[], seconds } on stdout.
import { MEASURED_START, request, runBounded } from './support.js';

type Job = { headers: Record<string, string>; body?: string };
type Load = { url: string; method: string; requests: Job[]; concurrency: number };

const input = JSON.parse(await new Promise<string>((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (c: string) => (text += c));
  process.stdin.on('end', () => resolve(text));
})) as Load & { warmup?: Load };

const send = (load: Load) =>
  runBounded(
    load.requests.map((job) => async () => {
      const res = await request(load.url, { method: load.method, headers: job.headers, body: job.body });
      const body = JSON.parse(res.body) as { status?: string; result?: string };
      return `${res.status}:${body.status ?? body.result}`;
    }),
    load.concurrency,
  );

if (input.warmup) await send(input.warmup);
process.stdout.write(MEASURED_START);
// Time for the parent to read that line before anything measured reaches the server.
await new Promise((resolve) => setTimeout(resolve, 200));
// Exit only once the answer is flushed: a large one (tens of thousands of results) is cut short otherwise.
process.stdout.write(JSON.stringify(await send(input)), () => process.exit(0));

// The server of the roster-import bench, in a process of its own, so that its memory high-water
// mark is the function's alone (not the bench's, which builds the 100,000-row file).
// argv[2]: database URL. Prints the port; on stdin "rss" prints { maxRssMb } and exits.
import { createNodePgDb } from '../functions/_lib/db/node-pg.js';
import { startServer } from './support.js';

const db = createNodePgDb(process.argv[2], 10);
const server = await startServer(db);
process.stdout.write(`${new URL(server.base).port}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', async (line: string) => {
  if (!line.startsWith('rss')) return;
  process.stdout.write(`${JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  await server.close();
  await db.close();
  process.exit(0);
});

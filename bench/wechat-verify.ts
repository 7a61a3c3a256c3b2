// Run by bench/wechat.ts as `node --jitless --import tsx bench/wechat-verify.ts <runs>`: the
// scanner's offline verdict as the upload-compiled scanner page computes it inside the
// WeChat-like runtime, with no network: from wx.scanCode handing over a ticket to the page
// buzzing its verdict (Ed25519 check, pack lookup, the scan remembered in storage). --jitless
// because iOS gives WeChat's JavaScriptCore no JIT. Prints one JSON line.
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToBase64Url, signTicket, ticketVerifier, verifyTicket } from '../shared/domain/tickets.js';
import { COMPILED_DIR } from '../tests/wechat/support/paths.js';
import { cpuMs, WeChatRuntime } from '../tests/wechat/support/runtime.js';

ed.hashes.sha512 = sha512;
const runs = Number(process.argv[2] ?? 100);
const activityId = '4242';
const secret = ed.utils.randomSecretKey();
const pack = {
  activityId,
  publicKey: bytesToBase64Url(ed.getPublicKey(secret)),
  registrations: Array.from({ length: 300 }, (_, i) => ({ id: String(10_000 + i), memberName: `会员${i}`, memberNoMasked: 'M****1', status: 'confirmed' })),
  revoked: [],
  generatedAt: new Date().toISOString(),
};
const tickets = Array.from({ length: runs + 3 }, (_, i) => signTicket({ registrationId: String(10_000 + i), activityId }, secret));

// The pack is on the phone already (downloaded earlier); the door has no signal.
const rt = new WeChatRuntime({ root: COMPILED_DIR, variant: 'noop', apiOrigin: 'http://127.0.0.1:9', storage: { 'union.token': 'offline', [`union.cadre.pack.${activityId}`]: JSON.stringify(pack) } });
rt.online = false;
rt.launch();
const page = await rt.openPage('packages/cadre/scan/index', { id: activityId });
await rt.tap(page, 'offline-switch');
// 连续扫码 off: one verdict per tap, no pause between scans.
const [continuousSwitch] = rt.findAll(page, 'nut-switch');
await rt.tapNode(page, continuousSwitch);

const times: number[] = [];
const cpuTimes: number[] = [];
let ok = 0;
for (let i = 0; i < tickets.length; i++) {
  rt.scanQueue.push(tickets[i]);
  const answersBefore = rt.answers.length;
  const buzzBefore = rt.calls.filter((c) => c.api.startsWith('vibrate')).length;
  await rt.tap(page, 'scan-button');
  const scanned = rt.answers.slice(answersBefore).find((a) => a.api === 'scanCode' && a.ok);
  const buzz = rt.calls.filter((c) => c.api.startsWith('vibrate'))[buzzBefore];
  if (!scanned || !buzz) throw new Error(`scan ${i}: no verdict (${rt.errors.join('; ')})`);
  if (i < 3) continue; // the first three warm the code up
  if (buzz.api === 'vibrateShort') ok++;
  times.push(buzz.at! - scanned.at);
  // CPU time of the same span: what the verdict costs without waiting for a CPU another process holds.
  cpuTimes.push(buzz.cpu! - scanned.cpu);
}
const quantiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
// The Ed25519 check alone, outside the runtime, the library's verify and the per-key table taking
// turns on the same tickets (so a busy machine slows both alike): CPU time per ticket.
const publicKey = ed.getPublicKey(secret);
const tableStart = cpuMs();
const fast = ticketVerifier(publicKey);
const tableMs = cpuMs() - tableStart;
verifyTicket(tickets[0], publicKey); // the library's base-point table, built once
const library: number[] = [];
const table: number[] = [];
for (const t of tickets) {
  let c = cpuMs();
  if (!verifyTicket(t, publicKey)) throw new Error('ed.verify refused a genuine ticket');
  library.push(cpuMs() - c);
  c = cpuMs();
  if (!fast(t)) throw new Error('the table verifier refused a genuine ticket');
  table.push(cpuMs() - c);
}
const alone = { library: quantiles(library), table: quantiles(table), tableMs };

const wall = quantiles(times);
const cpu = quantiles(cpuTimes);
console.log(JSON.stringify({ runs: times.length, ok, ...wall, cpu, alone, jitless: process.execArgv.includes('--jitless'), text: rt.text(rt.find(page, 'verdict')) }));
rt.dispose();
process.exit(0);

// 扫码签到 in WeChat: one camera loop at a time, however often the button is tapped.
import { describe, expect, it } from 'vitest';
import { createCameraLoop } from '../../miniapp/src/packages/cadre/scan/camera-loop';
import type { Verdict } from '../../miniapp/src/hooks/use-scan';

const ok: Verdict = { tone: 'ok', title: '签到成功', offline: false };

function harness(codes: string[]) {
  const submitted: string[] = [];
  let opened = 0;
  const waits: (() => void)[] = [];
  const loop = createCameraLoop({
    scanCode: async () => {
      opened++;
      const code = codes.shift();
      if (!code) throw new Error('closed');
      return code;
    },
    submit: async (code) => (submitted.push(code), ok),
    continuous: () => true,
    wait: () => new Promise<void>((resolve) => waits.push(resolve)),
  });
  return { loop, submitted, opened: () => opened, waits };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the camera loop', () => {
  it('ignores a second tap while a verdict shows: one loop, every scan submitted once', async () => {
    const h = harness(['T-a', 'T-b']);
    const first = h.loop.start();
    await tick();
    expect(h.submitted).toEqual(['T-a']);
    expect(h.waits).toHaveLength(1); // the verdict is showing
    const second = h.loop.start(); // the cadre taps 扫码签到 again
    await tick();
    expect(h.opened()).toBe(1);
    h.waits[0]();
    await tick();
    expect(h.submitted).toEqual(['T-a', 'T-b']);
    h.waits[1]();
    await Promise.all([first, second]);
    expect(h.opened()).toBe(3); // the third opening was closed by the cadre
    expect(h.loop.isRunning()).toBe(false);
  });

  it('starts again after the camera was closed, and stops when told during a verdict', async () => {
    const h = harness(['T-a']);
    const once = h.loop.start();
    await tick();
    h.waits[0]();
    await once; // the cadre closed the camera after T-a
    expect(h.loop.isRunning()).toBe(false);
    await h.loop.start(); // a new tap opens the camera again (and the cadre closes it)
    expect(h.opened()).toBe(3);
    const h2 = harness(['T-b', 'T-c']);
    const run = h2.loop.start();
    await tick();
    h2.loop.stop();
    h2.waits[0]();
    await run;
    expect(h2.submitted).toEqual(['T-b']);
  });
});

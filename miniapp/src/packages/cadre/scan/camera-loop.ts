// The WeChat camera loop of 扫码签到: the camera opens full screen; after each verdict it opens
// again, until the cadre backs out. Exactly one loop runs: a tap on 扫码签到 while a verdict
// shows (the loop is waiting to reopen the camera) does nothing, instead of starting a second
// loop that races the first for the camera and can drop a scan.
import type { Verdict } from '../../../hooks/use-scan';

export type CameraLoopDeps = {
  /** Opens the camera; rejects when the cadre closes it. */
  scanCode: () => Promise<string>;
  submit: (code: string) => Promise<Verdict | null>;
  /** After each verdict (vibration). */
  feel?: (v: Verdict) => void;
  continuous: () => boolean;
  /** Waits ms before the camera opens again; `cancel` ends the wait early. */
  wait: (ms: number) => Promise<void>;
};

export function createCameraLoop(deps: CameraLoopDeps) {
  let running = false;
  let inCamera = false;
  return {
    isRunning: () => running,
    /** While the camera page is open, the scan page "hides": that must not end the loop. */
    inCamera: () => inCamera,
    stop: () => {
      running = false;
    },
    async start(): Promise<void> {
      if (running) return;
      running = true;
      try {
        while (running) {
          let code: string;
          inCamera = true;
          try {
            code = await deps.scanCode();
          } catch {
            break; // closed the camera
          } finally {
            inCamera = false;
          }
          const v = await deps.submit(code);
          if (v) deps.feel?.(v);
          if (!deps.continuous() || !v || !running) break;
          // Long enough to read the verdict; longer when it needs a word with the member.
          await deps.wait(v.tone === 'ok' ? 1200 : 2500);
        }
      } finally {
        running = false;
      }
    },
  };
}

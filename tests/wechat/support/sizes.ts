// Package sizes of the upload-compiled mini-program, as WeChat counts them: every file under a
// sub-package root belongs to it, everything else to the main package.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function packageSizes(root: string): { main: number; sub: Record<string, number> } {
  const appJson = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  const roots = (appJson.subPackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
  const sizes = { main: 0, sub: Object.fromEntries(roots.map((r) => [r, 0])) as Record<string, number> };
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir))) {
      const rel = dir ? `${dir}/${e}` : e;
      const st = statSync(path.join(root, rel));
      if (st.isDirectory()) walk(rel);
      else if (!rel.endsWith('.map')) {
        const sub = roots.find((r) => rel.startsWith(r));
        if (sub) sizes.sub[sub] += st.size;
        else sizes.main += st.size;
      }
    }
  };
  walk('');
  return sizes;
}

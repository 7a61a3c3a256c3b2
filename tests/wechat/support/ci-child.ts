// Tencent's miniprogram-ci, offline, in a process of its own: its file watcher keeps the process
// alive after the work is done, so this one exits explicitly (the test waits for the exit).
//   node --import tsx tests/wechat/support/ci-child.ts compile <project> <key.pem> <outDir>
//   node --import tsx tests/wechat/support/ci-child.ts quality <project> <key.pem> <out.json>
import fs from 'node:fs';
import path from 'node:path';
import ci from 'miniprogram-ci';

const [command, projectPath, privateKeyPath, out] = process.argv.slice(2);

async function main() {
  const config = JSON.parse(fs.readFileSync(path.join(projectPath, 'project.config.json'), 'utf8')) as { appid: string };
  // `attr` answered locally: the project attributes are otherwise fetched from WeChat's servers.
  // (`attr` is missing from the package's typings, hence the widened options.)
  const options = { appid: config.appid, type: 'miniProgram' as const, projectPath, privateKeyPath, ignores: ['node_modules/**/*'], attr: async () => ci.DefaultProjectAttr };
  const project = new ci.Project(options as ConstructorParameters<typeof ci.Project>[0]);
  if (command === 'compile') {
    // The upload compile with the project's own project.config.json settings (es6, enhance, minify).
    const files = await ci.getCompiledResult({ project, version: '0.0.0', setting: { useProjectConfig: true } });
    fs.rmSync(out, { recursive: true, force: true });
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(out, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  } else if (command === 'quality') {
    const items = await ci.checkCodeQuality(project);
    fs.writeFileSync(out, JSON.stringify(items, null, 2));
  } else throw new Error(`unknown command ${command}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : JSON.stringify(err));
    process.exit(1);
  },
);

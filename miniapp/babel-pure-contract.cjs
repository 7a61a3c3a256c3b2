// A babel plugin, used by babel.config.cjs for the mini-program and H5 builds.
/**
 * The contract's files (shared/schemas.ts, shared/contract-*.ts, services/contract.ts) declare
 * schemas at the top level: `export const ZFoo = z.object({...}).refine(...)`. To the minifier
 * each of those calls might have effects, so a schema nothing imports would still be built and
 * shipped. They have none (zod builds a value; `.meta()` only fills a registry the app never
 * reads), so every call in a top-level `const` initializer, outside functions, is marked
 * `/*#__PURE__*\/` here, and webpack/terser drop the schemas the app does not use.
 */
const CONTRACT_FILE = /(shared[\\/](schemas|contract-[a-z-]+)|miniapp[\\/]src[\\/]services[\\/]contract)\.ts$/;

function pureContract({ types: t }) {
  const markPure = (node) => {
    if (!(node.leadingComments ?? []).some((c) => /[@#]__PURE__/.test(c.value))) t.addComment(node, 'leading', '#__PURE__');
  };
  const markCalls = {
    Function(path) {
      path.skip();
    },
    'CallExpression|NewExpression'(path) {
      markPure(path.node);
    },
  };
  return {
    name: 'pure-contract',
    visitor: {
      Program(program, state) {
        if (!CONTRACT_FILE.test(state.filename ?? '')) return;
        for (const stmt of program.get('body')) {
          const decl = stmt.isExportNamedDeclaration() ? stmt.get('declaration') : stmt;
          if (!decl.isVariableDeclaration({ kind: 'const' })) continue;
          for (const d of decl.get('declarations')) {
            const init = d.get('init');
            if (!init.node) continue;
            if (init.isCallExpression() || init.isNewExpression()) markPure(init.node);
            init.traverse(markCalls);
          }
        }
      },
    },
  };
}

module.exports = pureContract;
// The same files, for the webpack rule that marks them free of side effects (config/index.ts).
module.exports.CONTRACT_FILE = CONTRACT_FILE;

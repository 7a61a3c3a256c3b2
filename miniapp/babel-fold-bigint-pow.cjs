// A babel plugin, used by babel.config.cjs for the mini-program build.
/**
 * WeChat's upload compile turns `a ** b` into `Math.pow(a, b)`, which throws a TypeError for
 * BigInt operands at module load (`2n ** 256n` in @noble/ed25519 killed the scanner). Any
 * `**` whose two sides are BigInt literals is folded here into one literal, so no BigInt `**`
 * reaches that compile. A `**` with a BigInt literal on one side only is a build error: its value
 * is known only at run time, and WeChat would break it.
 */
function foldBigIntPow({ types: t }) {
  return {
    name: 'fold-bigint-pow',
    visitor: {
      BinaryExpression(path) {
        const { node } = path;
        if (node.operator !== '**') return;
        const l = t.isBigIntLiteral(node.left);
        const r = t.isBigIntLiteral(node.right);
        if (l && r) path.replaceWith(t.bigIntLiteral((BigInt(node.left.value) ** BigInt(node.right.value)).toString()));
        else if (l || r) throw path.buildCodeFrameError('BigInt `**` 在微信上传编译后会变成 Math.pow 并在运行时抛错：请改为常量或乘法');
      },
    },
  };
}

module.exports = foldBigIntPow;

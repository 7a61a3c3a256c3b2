// babel-preset-taro: https://docs.taro.zone/docs/babel-config
// .cjs because the repository root is "type": "module" and Taro loads this file with require().
//
// Targets: the bundle needs BigInt (zod's top-level code in vendors.js, and the ticket
// signatures the scanner checks), so the real floor is WeChat on iOS 14 (JavaScriptCore got
// BigInt in iOS 14) and Android with a current XWeb; evergreen browsers for H5. Nothing can make
// BigInt run on iOS 13, so compiling for older targets would only add helpers. Compiling our own
// code for these targets keeps async/await, classes and spread native instead of shipping
// regenerator and class helpers in the 2 MB main package. WeChat's upload compile
// (project.config.json es6/enhance) still runs over everything.

// Folds `2n ** 256n` into one literal before WeChat's upload compile can break it: see the file.
const foldBigIntPow = require('./babel-fold-bigint-pow.cjs');
// Marks the contract's schema declarations pure, so the schemas no page uses are dropped: see the file.
const pureContract = require('./babel-pure-contract.cjs');

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        targets: { ios: '14', chrome: '80' },
      },
    ],
  ],
  plugins: [foldBigIntPow, pureContract],
};

// babel-preset-taro: https://docs.taro.zone/docs/babel-config
// .cjs because the repository root is "type": "module" and Taro loads this file with require().
//
// Targets: zod (not transpiled, node_modules) already ships ES2020, so the bundle needs an
// ES2020 runtime anyway — WeChat on iOS 13.4+ / Android with a current XWeb, and evergreen
// browsers for H5. Compiling our own code for the same targets keeps async/await, classes and
// spread native instead of shipping regenerator and class helpers in the 2 MB main package.
// Older WeChat clients are covered by the DevTools' upload compile (project.config.json es6/enhance).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        targets: { ios: '13.4', chrome: '80' },
      },
    ],
  ],
};

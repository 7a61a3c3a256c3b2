// miniprogram-compiler (Tencent's wcc/wcsc binaries with a Node wrapper) ships no typings.
declare module 'miniprogram-compiler' {
  const compiler: { wxmlToJs(rootPath: string, options?: object): string; wxssToJs(rootPath: string, options?: object): string };
  export default compiler;
}

// @babel/core is here for Taro's build; its typings (@types/babel__core) are not installed.
declare module '@babel/core' {
  export function transformSync(code: string, options: object): { code?: string | null } | null;
}

// miniprogram-compiler (Tencent's wcc/wcsc binaries with a Node wrapper) ships no typings.
declare module 'miniprogram-compiler' {
  const compiler: { wxmlToJs(rootPath: string, options?: object): string; wxssToJs(rootPath: string, options?: object): string };
  export default compiler;
}

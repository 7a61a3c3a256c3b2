// exceljs, with one repair. Its XML reader decodes every chunk of an unzipped sheet on its own
// (lib/utils/parse-sax.js: `bufferToString(chunk)`), so a Chinese character whose UTF-8 bytes
// straddle two chunks becomes U+FFFD: in a large file, now and then a name or a 会员类别 cell
// arrives garbled. The repaired reader keeps a decoder per stream, which carries a split
// character over to the next chunk. It is put in the module cache before exceljs loads, so every
// module of exceljs that requires the reader gets it; import exceljs only through this file.
import { createRequire, Module } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { PassThrough } from 'node:stream';

const require = createRequire(import.meta.url);
const excelRequire = createRequire(require.resolve('exceljs'));
const parseSaxPath = excelRequire.resolve('./lib/utils/parse-sax.js');

if (!require.cache[parseSaxPath]) {
  const { SaxesParser } = excelRequire('saxes') as { SaxesParser: new () => { on(event: string, fn: (v: unknown) => void): void; write(text: string): void } };
  async function* parseSax(input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream) {
    // Streams without an async iterator (old readable-stream versions) are read through one that has it.
    const iterable = (Symbol.asyncIterator in input ? input : (input as NodeJS.ReadableStream).pipe(new PassThrough())) as AsyncIterable<Buffer | string>;
    const parser = new SaxesParser();
    const decoder = new StringDecoder('utf8');
    let error: unknown;
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('error', (err) => (error = err));
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.end();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  const mod = new Module(parseSaxPath);
  mod.filename = parseSaxPath;
  mod.exports = parseSax;
  mod.loaded = true;
  require.cache[parseSaxPath] = mod;
}

const ExcelJS = require('exceljs') as typeof import('exceljs');

/**
 * Named for Vercel's file tracer only: deep in exceljs's unzipper, `async-function` and its siblings answer
 * Node's `module-sync` condition with require.mjs, a file the tracer does not follow by itself.
 */
export const TRACED_FOR_BUNDLE = [
  new URL('../../node_modules/async-function/require.mjs', import.meta.url),
  new URL('../../node_modules/generator-function/require.mjs', import.meta.url),
  new URL('../../node_modules/async-generator-function/require.mjs', import.meta.url),
];

type ZipEntry = { dir: boolean; _data?: { uncompressedSize?: number } };
const JSZip = excelRequire('jszip') as { loadAsync(data: Buffer): Promise<{ files: Record<string, ZipEntry> }> };

/**
 * The archive's directory, read in full before any streaming: a file cut short or damaged there
 * is refused at once (the streaming unzipper can wait forever for bytes that never come). Answers
 * the total uncompressed size, so that a small file that unpacks to gigabytes is refused too.
 */
export async function zipDirectory(file: Buffer): Promise<{ entries: string[]; uncompressedBytes: number }> {
  const zip = await JSZip.loadAsync(file);
  const entries = Object.keys(zip.files);
  const uncompressedBytes = Object.values(zip.files).reduce((n, f) => n + (f._data?.uncompressedSize ?? 0), 0);
  return { entries, uncompressedBytes };
}
export default ExcelJS;
export type { Row } from 'exceljs';

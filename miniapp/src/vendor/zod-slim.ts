// What `import { z } from 'zod'` gives the mini-program build (webpack alias in config/index.ts).
//
// Why: shared/zod.ts re-exports zod's `z` namespace, and once that namespace crosses a module
// boundary (several modules and chunks use it) webpack keeps every export of zod — ~500 KB of
// the 2 MB main package. A plain object holding only the builders we use is shaken normally.
// The build checks that every `z.<builder>` written in shared/ and miniapp/src is listed here.
import {
  any,
  array,
  boolean,
  coerce,
  config,
  custom,
  date,
  discriminatedUnion,
  enum as zEnum,
  flattenError,
  int,
  intersection,
  iso,
  lazy,
  literal,
  never,
  null as zNull,
  nullable,
  nullish,
  number,
  object,
  optional,
  preprocess,
  prettifyError,
  record,
  string,
  tuple,
  union,
  unknown,
} from 'zod/v4';
import zhCN from 'zod/v4/locales/zh-CN.js';

export * from 'zod/v4';

// WeChat's JS runtime has no `new Function` (except 'return this'; other bodies give undefined or
// throw). Unless jitless, zod probes it and compiles object parsers with it: every parse would
// throw on the phone. This module body runs before any module that imports zod builds a schema.
config({ jitless: true });

export const z = {
  any,
  array,
  boolean,
  coerce: { number: coerce.number, string: coerce.string, boolean: coerce.boolean, date: coerce.date },
  config,
  custom,
  date,
  discriminatedUnion,
  enum: zEnum,
  flattenError,
  int,
  intersection,
  iso: { datetime: iso.datetime, date: iso.date, time: iso.time },
  lazy,
  literal,
  locales: { zhCN },
  never,
  null: zNull,
  nullable,
  nullish,
  number,
  object,
  optional,
  preprocess,
  prettifyError,
  record,
  string,
  tuple,
  union,
  unknown,
};

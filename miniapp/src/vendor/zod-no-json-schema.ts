// What zod's JSON Schema conversion (zod/v4/core/to-json-schema.js and json-schema-processors.js)
// becomes in the app's builds, weapp and H5 (config/index.ts, ZodWithoutJsonSchema): 18 KB minified
// of the weapp main package that the app never runs. The server and the OpenAPI generator use the
// real zod.
//
// zod's classic schemas still reference these modules: each schema keeps a converter closure
// (`_zod.processJSONSchema`, `toJSONSchema()`, `~standard.jsonSchema`), called only to convert, so
// here converting throws and says why. The lazily derived getters (`minLength`, `maxLength`,
// `minValue`, `maxValue`, `isInt`, `format`) read `aggregateChecks`: nothing in the app reads them,
// and should something enumerate them they answer "unknown" (null / ±Infinity / false) instead of
// throwing. Parsing never goes through either module.
const unavailable = (): never => {
  throw new Error('小程序与 H5 构建不含 zod 的 JSON Schema 转换（miniapp/src/vendor/zod-no-json-schema.ts）');
};

export const aggregateChecks = (): Record<string, never> => ({});

// to-json-schema.js: the method factories classic schemas call when built, returning converters.
export const createToJSONSchemaMethod = () => unavailable;
export const createStandardJSONSchemaMethod = () => unavailable;
export const toJSONSchema = unavailable;
export const initializeContext = unavailable;
export const processSchema = unavailable;
export const extractDefs = unavailable;
export const finalize = unavailable;

// json-schema-processors.js: one converter per schema type, referenced from inside closures only.
export const stringProcessor = unavailable;
export const numberProcessor = unavailable;
export const booleanProcessor = unavailable;
export const bigintProcessor = unavailable;
export const symbolProcessor = unavailable;
export const nullProcessor = unavailable;
export const undefinedProcessor = unavailable;
export const voidProcessor = unavailable;
export const neverProcessor = unavailable;
export const anyProcessor = unavailable;
export const unknownProcessor = unavailable;
export const dateProcessor = unavailable;
export const enumProcessor = unavailable;
export const literalProcessor = unavailable;
export const nanProcessor = unavailable;
export const templateLiteralProcessor = unavailable;
export const fileProcessor = unavailable;
export const successProcessor = unavailable;
export const customProcessor = unavailable;
export const functionProcessor = unavailable;
export const transformProcessor = unavailable;
export const mapProcessor = unavailable;
export const setProcessor = unavailable;
export const arrayProcessor = unavailable;
export const objectProcessor = unavailable;
export const unionProcessor = unavailable;
export const intersectionProcessor = unavailable;
export const tupleProcessor = unavailable;
export const recordProcessor = unavailable;
export const nullableProcessor = unavailable;
export const nonoptionalProcessor = unavailable;
export const defaultProcessor = unavailable;
export const prefaultProcessor = unavailable;
export const catchProcessor = unavailable;
export const pipeProcessor = unavailable;
export const readonlyProcessor = unavailable;
export const promiseProcessor = unavailable;
export const optionalProcessor = unavailable;
export const lazyProcessor = unavailable;
export const handleUnrepresentable = unavailable;
export const allProcessors: Record<string, never> = {};

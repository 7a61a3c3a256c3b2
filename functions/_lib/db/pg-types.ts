// Type parsing shared by node-postgres and Neon (same wire protocol, same parsers):
// int8 stays a string (ids are opaque strings, counts are cast to int in SQL), dates stay "YYYY-MM-DD".
export const INT8_OID = 20;
export const DATE_OID = 1082;
export const identity = (v: string) => v;

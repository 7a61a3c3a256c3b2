// Offline check-in: plain functions over plain state, so they are tested without rendering.
export * from './schemas';
export * from './state';
export * from './judge';
export * from './sync';

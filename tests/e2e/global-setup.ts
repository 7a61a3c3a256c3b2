// One `npm start` server for the whole e2e project (fresh PGlite with the demo data); each test
// file opens its own Chromium against it and touches its own activities and people.
import type { TestProject } from 'vitest/node';
import { ensureH5Build, startAppServer } from './support/app-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  await ensureH5Build();
  // The demo seeds a year of activities with their sign-ups and check-ins: on a busy machine
  // migrating and seeding the embedded database takes longer than the default minute.
  const server = await startAppServer({ startTimeoutMs: 240_000 });
  project.provide('e2eBaseUrl', server.url);
  return () => server.stop();
}

// The route table: one row per endpoint, one file per endpoint. `npm run gen:vercel` writes
// vercel.json from it; the local server routes by vercel.json, so local and Vercel agree.
export type Route = { method: 'GET' | 'POST' | 'PATCH'; path: string; file: string };

export const ROUTES: Route[] = [
  { method: 'GET', path: '/api/health', file: 'system/health.ts' },
  { method: 'GET', path: '/api/demo/users', file: 'system/demo-users.ts' },
  { method: 'POST', path: '/api/auth/login', file: 'auth/login.ts' },
  { method: 'GET', path: '/api/me', file: 'me/get.ts' },
  { method: 'POST', path: '/api/me/bind', file: 'me/bind.ts' },
  { method: 'GET', path: '/api/orgs', file: 'orgs/list.ts' },
  { method: 'POST', path: '/api/admin/orgs', file: 'admin/create-org.ts' },
  { method: 'POST', path: '/api/admin/members/import', file: 'admin/import-members.ts' },
  { method: 'POST', path: '/api/admin/roles', file: 'admin/grant-role.ts' },
  { method: 'GET', path: '/api/me/coverage', file: 'me/coverage.ts' },
  { method: 'GET', path: '/api/me/claims', file: 'me/claims.ts' },
  { method: 'GET', path: '/api/me/claims/:id', file: 'me/claim.ts' },
  { method: 'POST', path: '/api/admin/claims/import', file: 'admin/import-claims.ts' },
  { method: 'POST', path: '/api/admin/claims/import.csv', file: 'admin/import-claims-csv.ts' },
  { method: 'GET', path: '/api/admin/claims/:id', file: 'admin/get-claim.ts' },
  { method: 'POST', path: '/api/admin/coverage/import', file: 'admin/import-coverage.ts' },
  { method: 'POST', path: '/api/admin/coverage/import.csv', file: 'admin/import-coverage-csv.ts' },
  { method: 'GET', path: '/api/activities', file: 'activities/list.ts' },
  { method: 'POST', path: '/api/activities', file: 'activities/create.ts' },
  { method: 'GET', path: '/api/activities/:id', file: 'activities/get.ts' },
  { method: 'PATCH', path: '/api/activities/:id', file: 'activities/update.ts' },
  { method: 'POST', path: '/api/activities/:id/cancel', file: 'activities/cancel.ts' },
  { method: 'POST', path: '/api/activities/:id/registrations', file: 'registrations/sign-up.ts' },
  { method: 'POST', path: '/api/registrations/:id/cancel', file: 'registrations/cancel.ts' },
  { method: 'GET', path: '/api/me/registrations', file: 'me/registrations.ts' },
  { method: 'GET', path: '/api/me/subscriptions', file: 'me/list-subscriptions.ts' },
  { method: 'POST', path: '/api/me/subscriptions', file: 'me/subscriptions.ts' },
  { method: 'GET', path: '/api/internal/dispatch-notifications', file: 'internal/dispatch-notifications.ts' },
  { method: 'POST', path: '/api/activities/:id/checkins', file: 'checkins/check-in.ts' },
  { method: 'POST', path: '/api/activities/:id/checkins/batch', file: 'checkins/sync.ts' },
  { method: 'GET', path: '/api/activities/:id/offline-pack', file: 'checkins/offline-pack.ts' },
  { method: 'GET', path: '/api/activities/:id/roster', file: 'checkins/roster.ts' },
  // ---------- office lookups, union tree, roles and charts (issue #14) ----------
  { method: 'GET', path: '/api/admin/members', file: 'admin/list-members.ts' },
  { method: 'GET', path: '/api/admin/members/:id', file: 'admin/get-member.ts' },
  { method: 'PATCH', path: '/api/admin/members/:id', file: 'admin/update-member.ts' },
  { method: 'POST', path: '/api/admin/roles/revoke', file: 'admin/revoke-role.ts' },
  { method: 'GET', path: '/api/admin/orgs', file: 'admin/list-orgs.ts' },
  { method: 'PATCH', path: '/api/admin/orgs/:id', file: 'admin/rename-org.ts' },
  { method: 'GET', path: '/api/admin/stats/attendance', file: 'admin/attendance-stats.ts' },
  { method: 'GET', path: '/api/activities/:id/stats', file: 'activities/stats.ts' },
  { method: 'GET', path: '/api/demo/files/:name', file: 'system/demo-file.ts' },
  // ---------- office-api (v1.1: service keys, claims lookup, spreadsheets) ----------
  { method: 'POST', path: '/api/admin/api-keys', file: 'admin/create-api-key.ts' },
  { method: 'GET', path: '/api/admin/api-keys', file: 'admin/list-api-keys.ts' },
  { method: 'POST', path: '/api/admin/api-keys/:id/revoke', file: 'admin/revoke-api-key.ts' },
  { method: 'GET', path: '/api/admin/claims', file: 'admin/list-claims.ts' },
  { method: 'POST', path: '/api/admin/members/import.xlsx', file: 'admin/import-members-xlsx.ts' },
  { method: 'POST', path: '/api/admin/members/import.csv', file: 'admin/import-members-csv.ts' },
  { method: 'POST', path: '/api/admin/claims/import.xlsx', file: 'admin/import-claims-xlsx.ts' },
  { method: 'POST', path: '/api/admin/coverage/import.xlsx', file: 'admin/import-coverage-xlsx.ts' },
  { method: 'GET', path: '/api/admin/import-templates/:kind', file: 'admin/import-template.ts' },
  // ---------- end office-api ----------
  // door (issue #12): 补签 lookup and manual check-in
  { method: 'GET', path: '/api/activities/:id/registrations', file: 'checkins/search-registrations.ts' },
  { method: 'POST', path: '/api/activities/:id/checkins/manual', file: 'checkins/manual.ts' },
  // ---------- joining the union (issue #15: 入会) ----------
  { method: 'POST', path: '/api/join-applications', file: 'join/submit.ts' },
  { method: 'GET', path: '/api/me/join-applications', file: 'me/join-applications.ts' },
  { method: 'POST', path: '/api/join-applications/:id/withdraw', file: 'join/withdraw.ts' },
  { method: 'GET', path: '/api/admin/join-applications', file: 'admin/list-join-applications.ts' },
  { method: 'POST', path: '/api/admin/join-applications/:id/approve', file: 'admin/approve-join-application.ts' },
  { method: 'POST', path: '/api/admin/join-applications/:id/reject', file: 'admin/reject-join-application.ts' },
  { method: 'POST', path: '/api/admin/join-applications/:id/transfer', file: 'admin/transfer-join-application.ts' },
  // ---------- end joining ----------
];

export const NOT_FOUND_FILE = 'system/not-found.ts';

// 互助保障: this year's coverage and the member's claims.
import { api } from '../services/api';
import type { TClaim, TClaimSummary, TCoverage } from '../services/contract';
import type { ClaimStatus } from '../../../shared/domain/claims.js';
import { useResource } from './resource';

/** The calendar year in Asia/Shanghai (a claim filed at 00:30 on 1 January belongs to the new year). */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600 * 1000).getUTCFullYear();
}

export function coverageThisYear(items: TCoverage[], now: Date): TCoverage[] {
  const year = shanghaiYear(now);
  return items.filter((c) => c.year === year);
}

export function newestFirst<T extends Pick<TClaimSummary, 'submittedAt'>>(claims: T[]): T[] {
  return [...claims].sort((a, b) => new Date(b.submittedAt).getTime() - new Date(a.submittedAt).getTime());
}

export function timelineOldestFirst(claim: TClaim): TClaim['timeline'] {
  return [...claim.timeline].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

export type ClaimTone = 'progress' | 'attention' | 'done' | 'closed';

/** Calm colours: only "needs more papers" asks for attention; a rejection is not shouted. */
export function claimTone(status: ClaimStatus): ClaimTone {
  switch (status) {
    case 'submitted':
    case 'under_review':
      return 'progress';
    case 'needs_info':
      return 'attention';
    case 'approved':
    case 'paid':
      return 'done';
    case 'rejected':
      return 'closed';
  }
}

export function useInsurance() {
  return useResource(async () => {
    const [coverage, claims] = await Promise.all([api.coverage(), api.claims()]);
    return { coverage: coverage.items, claims: newestFirst(claims.items), moreClaims: claims.nextCursor !== null };
  }, []);
}

export function useClaim(id: string) {
  return useResource(() => api.claim(id), [id]);
}

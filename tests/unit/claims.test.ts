import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, CLAIM_STATUS_LABELS, canMoveClaim, type ClaimStatus } from '../../shared/domain/claims.js';

// api.md "Mutual insurance": submitted→under_review→(needs_info⇄under_review)→approved→paid,
// and under_review→rejected. Every other pair, staying put included, is refused.
const CONTRACT_MOVES = new Set(['submitted→under_review', 'under_review→needs_info', 'needs_info→under_review', 'under_review→approved', 'approved→paid', 'under_review→rejected']);
const STATUSES: ClaimStatus[] = ['submitted', 'under_review', 'needs_info', 'approved', 'paid', 'rejected'];

const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to, allowed: CONTRACT_MOVES.has(`${from}→${to}`) })));

describe('claim status transitions', () => {
  it('knows exactly the six statuses of the contract', () => {
    expect([...CLAIM_STATUSES].sort()).toEqual([...STATUSES].sort());
  });

  it.each(pairs.filter((p) => p.allowed))('allows a claim to move from $from to $to', ({ from, to }) => {
    expect(canMoveClaim(from, to)).toBe(true);
  });

  it.each(pairs.filter((p) => !p.allowed))('refuses a claim moving from $from to $to', ({ from, to }) => {
    expect(canMoveClaim(from, to)).toBe(false);
  });

  it('lets a claim go back and forth between needs_info and under_review and still be paid', () => {
    const path: ClaimStatus[] = ['submitted', 'under_review', 'needs_info', 'under_review', 'needs_info', 'under_review', 'approved', 'paid'];
    for (let i = 1; i < path.length; i++) expect(canMoveClaim(path[i - 1], path[i]), `${path[i - 1]}→${path[i]}`).toBe(true);
  });

  it('shows every status to people in Chinese', () => {
    for (const s of STATUSES) expect(CLAIM_STATUS_LABELS[s]).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(new Set(Object.values(CLAIM_STATUS_LABELS)).size).toBe(STATUSES.length);
  });
});

export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '****' + p.slice(-4);
}

/** Member numbers on rosters and exports: the last four stay readable for the door. */
export function maskMemberNo(memberNo: string): string {
  if (memberNo.length <= 4) return memberNo;
  return '*'.repeat(Math.min(memberNo.length - 4, 6)) + memberNo.slice(-4);
}

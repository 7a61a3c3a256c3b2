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

/** A person's name where anyone may read it (public results, QR codes): 张*, 赵*英, 欧阳**华. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 3))}${chars[chars.length - 1]}`;
}

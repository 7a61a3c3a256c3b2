/**
 * The unions under the given ones (each root, then the unions below it, depth first, in list
 * order), each once. Whose roots they are is the caller's rule: a cadre's union for publishing
 * (use-activity-form), any role's union in the office (packages/office/sections).
 */
export function orgsUnder<T extends { id: string; parentId: string | null }>(orgs: readonly T[], rootIds: Iterable<string>): T[] {
  const roots = new Set(rootIds);
  const children = new Map<string, T[]>();
  for (const o of orgs) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  const out: T[] = [];
  const seen = new Set<string>();
  const walk = (o: T) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    out.push(o);
    for (const c of children.get(o.id) ?? []) walk(c);
  };
  for (const o of orgs) if (roots.has(o.id)) walk(o);
  return out;
}

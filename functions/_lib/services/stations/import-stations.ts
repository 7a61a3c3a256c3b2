import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { canManageOrgPath, isAdmin, loadActor, type Actor } from '../load-actor.js';
import { parseImportRow } from '../imports/parse-import-row.js';
import { writeAudit } from '../write-audit.js';
import { hoursIndexLiteral, parseOpeningHours } from '../../../../shared/domain/opening-hours.js';
import { ZStationImportRow, type TRejectedRow } from '../../../../shared/schemas.js';

/** Admins and cadres may import at all (checked before a file is read, when the union is not yet known). */
export async function authorizeStationImporter(options: { db: Queryable; userId: string }): Promise<Actor> {
  const actor = await loadActor(options);
  if (!isAdmin(actor) && !actor.roles.some((r) => r.role === 'cadre')) throw new AppError('FORBIDDEN');
  return actor;
}

/** The caller may import stations for `orgId`: an admin anywhere, a cadre in its subtree. */
export async function authorizeStationImport(options: { db: Queryable; userId: string; orgId: string }): Promise<Actor> {
  const actor = await authorizeStationImporter(options);
  const org = await options.db.query<{ path: string }>('select path from orgs where id = $1', [options.orgId]);
  if (!org.rows[0]) throw new AppError('VALIDATION_FAILED', '工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
  if (!canManageOrgPath(actor, org.rows[0].path)) throw new AppError('FORBIDDEN');
  return actor;
}

type Result = { created: number; updated: number; unchanged: number; rejected: TRejectedRow[]; landed: { index: number; id: string }[] };

/**
 * Stations of one union, upserted by (union, name, address): one set-based statement, so the good
 * rows land together and a bad row is rejected alone with a Chinese reason (an opening-hours text
 * that does not parse names what is wrong). Coordinates are stored as given (GCJ-02).
 */
export async function importStations(options: { db: Queryable; userId: string; orgId: string; rows: unknown[] }): Promise<Result> {
  const { db, orgId } = options;
  const actor = await authorizeStationImport(options);
  const rejected: TRejectedRow[] = [];
  const good: { index: number; name: string; address: string; lat: number; lng: number; hours: string; hoursIndex: string; services: string; phone: string | null }[] = [];
  const seen = new Set<string>();
  options.rows.forEach((raw, index) => {
    const r = parseImportRow(ZStationImportRow, raw, index);
    if ('rejected' in r) return void rejected.push(r.rejected);
    const row = r.data;
    const key = `${row.name}\u0000${row.address}`;
    if (seen.has(key)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '名称和地址与本次导入的前面某行重复', column: 'name' });
    seen.add(key);
    const parsed = parseOpeningHours(row.openingHours);
    if (!parsed.ok) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: parsed.reason, column: 'openingHours' });
    good.push({
      index,
      name: row.name,
      address: row.address,
      lat: row.lat,
      lng: row.lng,
      hours: parsed.hours.text,
      hoursIndex: hoursIndexLiteral(parsed.hours),
      services: row.services.join(','),
      phone: row.phone || null,
    });
  });
  const result: Result = { created: 0, updated: 0, unchanged: 0, rejected, landed: [] };
  if (good.length) {
    const { rows } = await db.query<{ idx: number; id: string; outcome: 'created' | 'updated' | 'unchanged' }>(
      `with input as (
         select * from unnest($2::int[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[])
           as t(idx, name, address, lat, lng, hours, hours_index, services, phone)),
       up as (
         insert into stations (org_id, name, address, lat, lng, opening_hours, hours_index, services, phone)
         select $1, name, address, lat, lng, hours, hours_index::int4multirange, string_to_array(services, ','), phone from input
         on conflict on constraint stations_identity do update
            set lat = excluded.lat, lng = excluded.lng, opening_hours = excluded.opening_hours, hours_index = excluded.hours_index,
                services = excluded.services, phone = excluded.phone, updated_at = now()
          where (stations.lat, stations.lng, stations.opening_hours, stations.services, stations.phone)
                is distinct from (excluded.lat, excluded.lng, excluded.opening_hours, excluded.services, excluded.phone)
         returning id, name, address, (xmax = 0) as inserted)
       select i.idx, coalesce(up.id, s.id)::text as id,
              case when up.id is null then 'unchanged' when up.inserted then 'created' else 'updated' end as outcome
         from input i
         left join up on up.name = i.name and up.address = i.address
         left join stations s on s.org_id = $1 and s.name = i.name and s.address = i.address
        order by i.idx`,
      [
        orgId,
        good.map((g) => g.index),
        good.map((g) => g.name),
        good.map((g) => g.address),
        good.map((g) => g.lat),
        good.map((g) => g.lng),
        good.map((g) => g.hours),
        good.map((g) => g.hoursIndex),
        good.map((g) => g.services),
        good.map((g) => g.phone),
      ],
    );
    for (const r of rows) {
      result[r.outcome]++;
      result.landed.push({ index: Number(r.idx), id: r.id });
    }
  }
  await writeAudit({ db, actorUserId: actor.userId, action: 'stations.import', subjectType: 'org', subjectId: orgId, detail: { created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: rejected.length } });
  result.rejected.sort((a, b) => a.index - b.index);
  return result;
}

import type { Db } from '../../db/index.js';
import { loadActor } from '../load-actor.js';
import { PROGRAM_COLUMNS, PROGRAM_FROM, toProgram, type ProgramRow } from './aid-rows.js';
import type { TAidProgram } from '../../../../shared/schemas.js';

/** Every programme, newest window first (at most 100: a union runs a few a year). */
export async function listAidPrograms(options: { db: Db; userId: string }): Promise<{ items: TAidProgram[] }> {
  await loadActor(options);
  const { rows } = await options.db.query<ProgramRow>(`select ${PROGRAM_COLUMNS} from ${PROGRAM_FROM} order by p.opens_at desc, p.id desc limit 100`);
  return { items: rows.map(toProgram) };
}

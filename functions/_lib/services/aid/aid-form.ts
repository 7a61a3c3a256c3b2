// What an application must carry for its programme: a level the programme has (its amount is the
// grant), the child for student aid, and every required document. Shared by submit and resubmit.
import { AppError } from '../../errors.js';
import type { ProgramRow } from './aid-rows.js';

export type AidForm = {
  level: string;
  child?: { name: string; school: string; admissionYear: number };
  documents: { key: string; uploadId: string }[];
};

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: [{ path, message }] });
}

/** The granted amount in fen for the form's level; refuses a form the programme does not accept. */
export function checkAidForm(program: ProgramRow, form: AidForm): { amountFen: number } {
  const amount = program.amounts.find((a) => a.level === form.level);
  if (!amount) throw invalid('level', `请选择本项目的档次：${program.amounts.map((a) => a.level).join('、')}`);
  if (program.kind === 'student_aid' && !form.child) throw invalid('child', '金秋助学请填写子女姓名、学校和入学年份');
  const known = new Set(program.required_documents.map((d) => d.key));
  const unknown = form.documents.find((d) => !known.has(d.key));
  if (unknown) throw invalid('documents', '提交的材料不在本项目要求的材料之列');
  const missing = program.required_documents.filter((d) => !form.documents.some((x) => x.key === d.key));
  if (missing.length > 0) throw invalid('documents', `请上传：${missing.map((d) => d.label).join('、')}`);
  return { amountFen: amount.amountFen };
}

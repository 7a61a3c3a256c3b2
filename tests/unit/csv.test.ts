import { describe, expect, it } from 'vitest';
import { CsvRowProblem, CsvSyntaxError, csvRecords, parseCsv } from '../../functions/_lib/csv.js';
import { AppError } from '../../functions/_lib/errors.js';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

function syntaxError(text: string): CsvSyntaxError {
  try {
    parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err;
    throw err;
  }
  throw new Error(`no CsvSyntaxError for ${JSON.stringify(text)}`);
}

describe('CSV parsing', () => {
  it('splits lines into fields and numbers each record by the line it starts on', () => {
    expect(parseCsv('name,phone\n张三,13812345678\n')).toEqual([
      { fields: ['name', 'phone'], line: 1 },
      { fields: ['张三', '13812345678'], line: 2 },
    ]);
  });

  it('drops the byte-order mark Excel and WPS write at the start of the file', () => {
    expect(fieldsOf('\uFEFFname,phone\r\n张三,138\r\n')).toEqual([
      ['name', 'phone'],
      ['张三', '138'],
    ]);
  });

  it('keeps a byte-order mark that is not at the start as data', () => {
    expect(fieldsOf('a\n\uFEFFb')).toEqual([['a'], ['\uFEFFb']]);
  });

  it('reads CRLF, LF and lone CR line ends alike, even mixed in one file', () => {
    const expected = [['a', 'b'], ['c', 'd'], ['e', 'f']];
    expect(fieldsOf('a,b\r\nc,d\r\ne,f\r\n')).toEqual(expected);
    expect(fieldsOf('a,b\nc,d\ne,f\n')).toEqual(expected);
    expect(fieldsOf('a,b\rc,d\re,f')).toEqual(expected);
    expect(fieldsOf('a,b\r\nc,d\ne,f')).toEqual(expected);
  });

  it('does not need a line break after the last line', () => {
    expect(fieldsOf('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c\n,,\nx,')).toEqual([['a', '', 'c'], ['', '', ''], ['x', '']]);
  });

  it('keeps commas, doubled quotes and line breaks inside a quoted field', () => {
    expect(fieldsOf('"北京市,朝阳区","他说""好""",plain\n')).toEqual([['北京市,朝阳区', '他说"好"', 'plain']]);
    expect(fieldsOf('"第一行\n第二行",x\n"a\r\nb",y')).toEqual([
      ['第一行\n第二行', 'x'],
      ['a\r\nb', 'y'],
    ]);
  });

  it('reads an empty quoted field as empty text and a field of one quote character', () => {
    expect(fieldsOf('"",""""\n')).toEqual([['', '"']]);
  });

  it('counts line breaks inside quoted fields when numbering the following records', () => {
    expect(parseCsv('h1,h2\n"多行\n备注\n第三行",x\nlast,y').map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('skips blank lines anywhere but still numbers records by their real line', () => {
    expect(parseCsv('\n\na,b\r\n\r\n\nc,d\n\n')).toEqual([
      { fields: ['a', 'b'], line: 3 },
      { fields: ['c', 'd'], line: 6 },
    ]);
  });

  it('gives no records for an empty file or one with only a byte-order mark and blank lines', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF\r\n\r\n')).toEqual([]);
  });

  it('returns cells that look like spreadsheet formulas as the text that was written, never evaluated or altered', () => {
    expect(fieldsOf('=1+1,+86 138,-5,@SUM(A1)')).toEqual([['=1+1', '+86 138', '-5', '@SUM(A1)']]);
  });

  it('refuses an unterminated quote and names the line where the quote opened', () => {
    const err = syntaxError('name,note\n张三,ok\n李四,"没有闭合\n下一行\n再下一行\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('第3行');
  });

  it('refuses a quote inside unquoted text and names its line', () => {
    const err = syntaxError('name,note\n张三,ok\n李四,5"寸照片\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('第3行');
  });

  it('refuses text after a closing quote and names its line', () => {
    const err = syntaxError('a,b\n"quoted"tail,x\n');
    expect(err.line).toBe(2);
    expect(err.message).toContain('第2行');
  });

  it('names the right line for a stray quote that follows a multi-line quoted field', () => {
    const err = syntaxError('a,b\n"line 2\nline 3",x\nbad"quote,y\n');
    expect(err.line).toBe(4);
  });

  it('refuses a file that is only an opening quote', () => {
    expect(syntaxError('"').line).toBe(1);
  });
});

describe('CSV with a header row into rows', () => {
  const options = { columns: ['name', 'idNumber', 'phone', 'amountFen'], required: ['name', 'idNumber'], numeric: ['amountFen'], maxRows: 3 };

  function fileProblem(text: string, opts = options): AppError {
    try {
      csvRecords(text, opts);
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
    throw new Error(`no AppError for ${JSON.stringify(text)}`);
  }

  it('maps each data line to an object keyed by the header, whatever the column order', () => {
    expect(csvRecords('\uFEFFphone,name,idNumber\r\n13812345678,张三,11010519491231002X\r\n', options)).toEqual([
      { phone: '13812345678', name: '张三', idNumber: '11010519491231002X' },
    ]);
  });

  it('trims header names and cells and leaves empty cells out', () => {
    expect(csvRecords(' name , idNumber ,phone\n 张三 ,  11010519491231002X,  \n', options)).toEqual([{ name: '张三', idNumber: '11010519491231002X' }]);
  });

  it('turns whole numbers in numeric columns into numbers and leaves other text for the schema to judge', () => {
    const rows = csvRecords('name,idNumber,amountFen,phone\na,1,12345,007\nb,2,-3,x\nc,3,12.50,x\n', options);
    expect(rows).toEqual([
      { name: 'a', idNumber: '1', amountFen: 12345, phone: '007' },
      { name: 'b', idNumber: '2', amountFen: -3, phone: 'x' },
      { name: 'c', idNumber: '3', amountFen: '12.50', phone: 'x' },
    ]);
  });

  it('leaves a numeric cell too long to be an exact number as text', () => {
    const [row] = csvRecords('name,idNumber,amountFen\na,1,12345678901234567\n', options);
    expect(row).toEqual({ name: 'a', idNumber: '1', amountFen: '12345678901234567' });
  });

  it('marks a line with the wrong number of fields as a problem of that line alone', () => {
    const rows = csvRecords('name,idNumber\n张三,1\n李四\n王五,3,extra\n赵六,4\n', { ...options, maxRows: 10 });
    expect(rows[0]).toEqual({ name: '张三', idNumber: '1' });
    expect(rows[1]).toBeInstanceOf(CsvRowProblem);
    expect((rows[1] as CsvRowProblem).message).toContain('1列');
    expect(rows[2]).toBeInstanceOf(CsvRowProblem);
    expect(rows[3]).toEqual({ name: '赵六', idNumber: '4' });
  });

  it('refuses the whole file, naming the column, when the header has an unknown column', () => {
    const err = fileProblem('name,idNumber,nmae\n张三,1,x\n');
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.status).toBe(400);
    expect(err.message).toContain('nmae');
    expect(err.details).toEqual([{ path: 'csv', message: err.message }]);
  });

  it('does not quote a member\'s data back when the header row is missing', () => {
    const err = fileProblem('张三,11010519491231002X,13812345678\n李四,110101199003070011,13900000000\n');
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('表头');
    expect(err.message).not.toContain('11010519491231002X');
    expect(err.message).not.toContain('13812345678');
    expect(err.message).not.toContain('张三');
  });

  it('refuses a header that names a column twice', () => {
    expect(fileProblem('name,idNumber,name\na,1,b\n').message).toContain('列名重复：name');
  });

  it('refuses a header without a required column, naming it', () => {
    const err = fileProblem('name,phone\n张三,138\n');
    expect(err.message).toContain('缺少必需的列');
    expect(err.message).toContain('idNumber');
  });

  it('refuses an empty file and a file with a header but no data', () => {
    expect(fileProblem('').code).toBe('VALIDATION_FAILED');
    expect(fileProblem('\uFEFF\r\n').message).toContain('第一行应为列名');
    expect(fileProblem('name,idNumber\r\n\r\n').message).toContain('至少需要一行数据');
  });

  it('refuses more data lines than allowed, and accepts exactly the limit', () => {
    expect(csvRecords('name,idNumber\na,1\nb,2\nc,3\n', options)).toHaveLength(3);
    expect(fileProblem('name,idNumber\na,1\nb,2\nc,3\nd,4\n').message).toContain('最多导入3行');
  });

  it('turns a syntax error into a 400 that names the line', () => {
    const err = fileProblem('name,idNumber\na,1\nb,"2\n');
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('第3行');
  });
});

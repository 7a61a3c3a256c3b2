import { describe, expect, it } from 'vitest';
import { csvCell, writeCsv } from '../../functions/_lib/csv-write.js';
import { parseCsv } from '../../functions/_lib/csv.js';

describe('CSV written for Excel', () => {
  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(writeCsv(['姓名', '状态'], [['张三', '已签到']])).toBe('\uFEFF姓名,状态\r\n张三,已签到\r\n');
  });

  it('writes an absent value as an empty cell and numbers as digits', () => {
    expect(writeCsv(['a', 'b', 'c'], [[null, undefined, 12345]])).toBe('\uFEFFa,b,c\r\n,,12345\r\n');
  });

  it('quotes cells holding commas, quotes or line breaks', () => {
    expect(csvCell('北京市,朝阳区')).toBe('"北京市,朝阳区"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
  });

  it('neutralises cells that Excel or WPS would run as formulas with a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil","点我")')).toBe(`"'=HYPERLINK(""http://evil"",""点我"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });

  it('leaves ordinary text, including text with an = later on, unchanged', () => {
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('is read back by the parser as the same cells, formula starts kept neutralised', () => {
    const rows = [
      ['张三', '北京市,朝阳区', '他说"好"'],
      ['多行\r\n备注', '=1+1', ''],
    ];
    const parsed = parseCsv(writeCsv(['a', 'b', 'c'], rows)).map((r) => r.fields);
    expect(parsed).toEqual([['a', 'b', 'c'], rows[0], ['多行\r\n备注', "'=1+1", '']]);
  });
});

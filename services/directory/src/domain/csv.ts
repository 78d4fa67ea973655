// RFC 4180 CSV: quoted fields with commas, quotes ("") and line breaks; CRLF or LF; a UTF-8 BOM is
// dropped by the body reader. Also takes `;` as the separator when the header uses it (spreadsheets
// set to Indonesian locale save CSV that way).

export interface CsvTable {
  header: string[];
  rows: string[][];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function detectSeparator(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const commas = (firstLine.match(/,/g) ?? []).length;
  const semis = (firstLine.match(/;/g) ?? []).length;
  return semis > commas ? ';' : ',';
}

export function parseCsv(text: string): CsvTable {
  const sep = detectSeparator(text);
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let line = 1;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === sep) {
      record.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      line++;
    } else {
      if (c === '"') throw new CsvError('a quote inside an unquoted field; wrap the field in quotes and double the quote', line);
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvError('a quoted field is not closed', line);
  if (fieldStarted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw new CsvError('the file is empty; the first line must name the columns', 1);
  return { header: header.map((h) => h.trim()), rows };
}

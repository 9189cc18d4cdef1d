// build/extract-entra-codes.ts, the script that regenerates the committed code list from a copy of entra-docs: the
// row shapes of the reference's AADSTS table (a name and a dash, a name alone, a name inside a list or after prose,
// no name at all, a row repeated, a row without its closing bar), the header it writes, and that the committed list
// is exactly what the script writes for its own codes. The fixture rows are ours, shaped like the reference's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CODE_LIST_FILE,
  extractEntraCodes,
  formatCodeList,
  nameOfRow,
  parseCodeList,
} from '../../../build/extract-entra-codes';

const PAGE = `---
title: Error codes
ms.date: 07/01/2026
---
| Error | Description |
|---|---|
| AADSTS16000 | InteractionRequired - the account is not in the tenant. |
| AADSTS28002 | A sentence without a name. |
| AADSTS50053 | Two reasons: <ul><li>IdsLocked - too many attempts</li></ul> |
| AADSTS50192 | Invalid Request - RawCredentialExpectedNotFound - no credential came along. |
| AADSTS700229 | ForbiddenTokenType- only app tokens. |
| AADSTS90091 | GraphServiceUnreachable |
| AADSTS50147 | A size that is wrong. |
| AADSTS50147 | MissingCodeChallenge - the same code again, now named. |
| AADSTS9002341 | V2Error: \`invalid_grant\` - a grant problem. |
| AADSTS7000215 | Bad secret. Developer error - prose, not a name.|
| AADSTS500208 | A row without its closing bar
Not a row: AADSTS12345 in prose.
`;

describe('extract-entra-codes', () => {
  it('reads every row shape of the table, each code once, sorted, with the page date', () => {
    const x = extractEntraCodes(PAGE);
    expect(x.msDate).toBe('07/01/2026');
    expect(x.codes).toEqual([
      { code: 16000, name: 'InteractionRequired' },
      { code: 28002, name: '' },
      { code: 50053, name: 'IdsLocked' },
      { code: 50147, name: 'MissingCodeChallenge' },
      { code: 50192, name: 'RawCredentialExpectedNotFound' },
      { code: 90091, name: 'GraphServiceUnreachable' },
      { code: 500208, name: '' },
      { code: 700229, name: 'ForbiddenTokenType' },
      { code: 7000215, name: '' },
      { code: 9002341, name: '' },
    ]);
    expect(nameOfRow(' Session mismatch - prose ')).toBe('');
  });

  it('writes a list the reader reads back, header included', () => {
    const x = extractEntraCodes(PAGE);
    const text = formatCodeList(x, 'a'.repeat(40));
    expect(parseCodeList(text)).toEqual({ commit: 'a'.repeat(40), msDate: '07/01/2026', codes: x.codes });
  });

  it('the committed list is in exactly the format the script writes', () => {
    const committed = readFileSync(CODE_LIST_FILE, 'utf8');
    const read = parseCodeList(committed);
    expect(formatCodeList({ msDate: read.msDate, codes: read.codes }, read.commit)).toBe(committed);
    expect(read.codes.map((c) => c.code)).toEqual([...read.codes.map((c) => c.code)].sort((a, b) => a - b));
  });
});

// The diagnostic report of a failing run: contains the verdict, findings, AADSTS explanation and versions, and
// no secret, token or authorization code anywhere in it (scanned for the exact values and for their shapes).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthorizeService } from '../../../../../electron/services/authorize/authorize-service';
import { fixedPathDialog } from '../../../../../electron/services/handover/save-dialog';
import type { FlowState } from '../../../../../shared/authorize/schema';
import {
  ACCESS_TOKEN,
  ID_TOKEN,
  MISMATCH_VERDICT,
  REFRESH_TOKEN,
  RUN,
  SECRET,
  caller,
  expectOk,
  storeWithRun,
} from '../../../../support/handover-fixtures';

const CODE = '1.AXoAcodeVALUEfromTheRedirect_0123456789abcdefghijklmnopQRSTUVWXYZ-abcdefgh';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mah-report-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function scanForSecrets(text: string): void {
  for (const v of [SECRET, ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN, CODE]) expect(text).not.toContain(v);
  // Shapes, in case another value slipped in: JWTs, Azure secret values, v2 refresh tokens/codes, key=value secrets.
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./);
  expect(text).not.toMatch(/[A-Za-z0-9_.-]{3}\dQ~[A-Za-z0-9_.~-]{20,}/);
  expect(text).not.toMatch(/\b[01]\.[A-Za-z0-9_.~-]{40,}/);
  expect(text).not.toMatch(/(code|client_secret|refresh_token|access_token)=(?!\[redacted\])[^\s&]{4,}/i);
}

describe('handover.report', () => {
  it('a run with the wrong account: verdict, findings and config without any secret or token', async () => {
    const { store, id } = storeWithRun({
      verdict: MISMATCH_VERDICT,
      findings: [
        {
          severity: 'error',
          code: 'SCOPE_MISSING',
          field: 'scp',
          message: 'SMTP.Send was not granted.',
          nextStep: 'Grant admin consent for SMTP.Send.',
        },
      ],
    });
    const dialog = fixedPathDialog(() => join(dir, 'report.md'));
    const { call } = caller({ handover: { saveDialog: dialog } }, { tokenStore: store });
    const r = expectOk(
      await call<{ path: string; format: string }>('handover.report', {
        tokenSetId: id,
        probes: [
          {
            protocol: 'imap',
            ok: false,
            code: 'PROBE_AUTH_FAILED',
            message: `AUTHENTICATE failed for user=servicedesk@contoso.com (token ${ACCESS_TOKEN})`,
            host: 'outlook.office365.com',
          },
        ],
      }),
    );
    expect(r.format).toBe('md');
    const text = readFileSync(r.path, 'utf8');
    scanForSecrets(text);
    expect(text).toContain('`IDENTITY_MISMATCH`');
    expect(text).toContain('adele@contoso.com');
    expect(text).toContain('`SCOPE_MISSING`');
    expect(text).toContain('SMTP.Send was not granted.');
    expect(text).toContain('| Client secret | set (•••• masked) |');
    expect(text).toContain(RUN.clientId);
    expect(text).toContain('PROBE_AUTH_FAILED');
    expect(text).toMatch(/\| node \| 22\.0\.0 \|/);
    // Tokens appear as facts only.
    expect(text).toContain(`${ACCESS_TOKEN.length} characters`);
  });

  it('a run that failed with AADSTS: explanation in the product’s words, server detail redacted', async () => {
    const failed: FlowState = {
      kind: 'failed',
      flowId: 'f',
      startedAt: 1,
      finishedAt: 2,
      error: {
        code: 'AADSTS7000215',
        message: 'AADSTS7000215: Invalid client secret provided.',
        nextStep: 'Check the client secret.',
        detail: `AADSTS7000215: Invalid client secret provided. Trace ID: 0a1b2c3d-0000-4000-8000-000000000001 Correlation ID: 0a1b2c3d-0000-4000-8000-000000000002 request: code=${CODE}&client_secret=${SECRET}&refresh_token=${REFRESH_TOKEN}`,
      },
    };
    const authorize = { state: failed } as unknown as AuthorizeService;
    const { call } = caller({ handover: { saveDialog: fixedPathDialog(() => join(dir, 'failed.md')) } }, { authorize });
    const r = expectOk(await call<{ path: string }>('handover.report', { config: RUN }));
    const text = readFileSync(r.path, 'utf8');
    scanForSecrets(text);
    expect(text).toContain('**Failed** — `AADSTS7000215`');
    expect(text).toContain('## AADSTS explanations');
    expect(text).toMatch(/### AADSTS7000215 · /);
    expect(text).toContain('0a1b2c3d-0000-4000-8000-000000000001');
    expect(text).toContain('| Client secret | •••• (masked, not included) |');
  });
});

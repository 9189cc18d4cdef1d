// Owns benchmark 2: what inspecting one token costs (shared/tokens inspectInput: extract, decode, classify,
// claim rows, checks, verdict) against jose.decodeJwt alone, per call, warm, interleaved call by call.
import { decodeJwt } from 'jose';
import { claimRows, inspectInput, requirementFor } from '../../shared/tokens';
import { GRAPH, type Emulator } from '../emulator';
import { row, single, type Row, type SectionResult } from './report';
import { nowMs, summarize } from './stats';

const WARMUP = 1_000;
const SAMPLES = 5_000;

export async function benchVerificationCost(emulator: Emulator): Promise<SectionResult> {
  const t0 = nowMs();
  const dir = emulator.directory;
  const upn = dir.users.servicedesk.upn;
  const tokens = [
    {
      label: 'Outlook delegated access token',
      token: await emulator.mintUserAccessToken(upn, { appKey: 'servicenow' }),
    },
    {
      label: 'Graph delegated access token (header nonce)',
      token: await emulator.mintUserAccessToken(upn, {
        resource: GRAPH,
        scopes: ['Mail.Read', 'User.Read'],
        appKey: 'servicenow',
      }),
    },
    { label: 'Graph app-only access token', token: await emulator.mintAppAccessToken('servicenow') },
  ];
  // What the app passes after a flow: the expected account, tenant, client and the protocol's requirement.
  const expectations = {
    expectedAccount: upn,
    mailbox: upn,
    tenant: dir.tenant.id,
    clientId: dir.apps.servicenow.clientId,
    requirement: requirementFor('imap'),
  };

  const rows: Row[] = [];
  const samples: Record<string, number[]> = {};
  let sink = 0;
  for (const { label, token } of tokens) {
    for (let i = 0; i < WARMUP; i++) {
      sink += inspectInput(token, { expectations }).tokens.length;
      sink += Object.keys(decodeJwt(token)).length;
    }
    const inspect: number[] = [];
    const decode: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // Alternate which goes first so neither always runs right after the other's allocations.
      const inspectFirst = i % 2 === 0;
      if (!inspectFirst) {
        const a = nowMs();
        sink += Object.keys(decodeJwt(token)).length;
        decode.push(nowMs() - a);
      }
      const b = nowMs();
      sink += inspectInput(token, { expectations }).tokens.length;
      inspect.push(nowMs() - b);
      if (inspectFirst) {
        const a = nowMs();
        sink += Object.keys(decodeJwt(token)).length;
        decode.push(nowMs() - a);
      }
    }
    // Claim rows are built where they are shown (the Inspect page, the CLI's output), from the inspection: timed apart.
    const withRows: number[] = [];
    for (let i = 0; i < SAMPLES / 5; i++) {
      const b = nowMs();
      const inspection = inspectInput(token, { expectations });
      for (const t of inspection.tokens) sink += t.claims ? claimRows(t.claims, inspection.checkedAt).length : 0;
      withRows.push(nowMs() - b);
    }
    samples[`${label} inspect + claim rows ms`] = withRows;
    const si = summarize(inspect);
    const sd = summarize(decode);
    samples[`${label} inspect ms`] = inspect;
    samples[`${label} decodeJwt ms`] = decode;
    rows.push(row(`${label}: inspect + checks`, 'ms', si, { showP99: true, target: { max: 0.2, text: '≤ 0.2 ms' } }));
    rows.push(row(`${label}: jose.decodeJwt alone`, 'ms', sd, { showP99: true }));
    rows.push(
      row(`${label}: inspect + reading every claim row (display)`, 'ms', summarize(withRows), { showP99: true }),
    );
    rows.push(
      single(`${label}: ratio inspect / decodeJwt (medians)`, 'x', si.median / sd.median, {
        target: { max: 3, text: '≤ 3×' },
      }),
    );
  }
  if (sink === 42) console.log(''); // keeps the work observable so it is not optimised away
  return {
    id: 'verification-cost',
    title: '2. Verification cost per token (warm, in-process)',
    rows,
    samples,
    notes: [
      `${WARMUP} warm-up calls, then ${SAMPLES} timed calls of each, alternating order; one call = one token in, one Inspection out.`,
      'inspect + checks = inspectInput(token, expectations): extract, decode once, classify, checks, verdict; the claim rows (meaning, times) are built by the page or CLI that shows them (claimRows), timed in their own row.',
    ],
    durationMs: nowMs() - t0,
  };
}

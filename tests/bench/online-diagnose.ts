// Owns benchmark 3: the online diagnose with one check slowed by 2 s (an emulator latency fault on the one
// path that check calls). The checks run concurrently, so the whole run should take about as long as the
// slowed check on its own; the ratio compares the two, measured back to back in the same emulator.
import { diagnoseOnline } from '../../electron/services/diagnose/diagnose-online';
import { globalFetch } from '../../electron/services/diagnose/online-requests';
import type { CheckId } from '../../shared/diagnose/online';
import type { DiagnoseInput } from '../../shared/diagnose/types';
import type { Emulator } from '../emulator';
import { row, single, type Row, type SectionResult } from './report';
import { nowMs, summarize } from './stats';

const SLOW_MS = 2_000;
const RUNS = 3;

export async function benchOnlineDiagnose(emulator: Emulator): Promise<SectionResult> {
  const t0 = nowMs();
  emulator.trustInProcess();
  const app = emulator.directory.apps.servicenow;
  const tenant = emulator.directory.tenant.id;
  const input: DiagnoseInput = {
    preset: 'servicenow',
    cloud: 'global',
    protocols: ['imap'],
    tenant,
    clientId: app.clientId,
    clientSecret: app.secret.value,
    redirectUri: app.redirectUris[0] ?? '',
    scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
  };
  const run = (checks?: readonly CheckId[]) =>
    diagnoseOnline(input, { fetch: globalFetch, authorityBase: emulator.baseUrl, ...(checks ? { checks } : {}) });

  // Unslowed once, to warm TLS and the module graph and to confirm every check passes here.
  const warm = await run();
  const notOk = warm.checks.filter((c) => c.status !== 'ok');
  const slowed: { check: CheckId; path: string; label: string }[] = [
    { check: 'tenant', path: `/${tenant}/v2.0/.well-known/openid-configuration`, label: 'tenant discovery' },
    { check: 'credentials', path: `/${tenant}/oauth2/v2.0/token`, label: 'client credentials (token endpoint)' },
    { check: 'redirect', path: `/${tenant}/oauth2/v2.0/authorize`, label: 'redirect URI (authorize endpoint)' },
  ];
  const rows: Row[] = [];
  const samples: Record<string, number[]> = {};
  const notes: string[] = [];
  if (notOk.length > 0)
    notes.push(
      `warning: without faults these checks were not ok: ${notOk.map((c) => `${c.id}=${c.status}`).join(', ')}`,
    );
  for (const s of slowed) {
    emulator.setFaults({ latencyMs: SLOW_MS, paths: [s.path] });
    const all: number[] = [];
    const alone: number[] = [];
    const slowestInRun: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const a = nowMs();
        const r = await run();
        all.push(nowMs() - a);
        slowestInRun.push(Math.max(...r.checks.map((c) => c.durationMs)));
        const b = nowMs();
        await run([s.check]);
        alone.push(nowMs() - b);
      }
    } finally {
      emulator.clearFaults();
    }
    const sa = summarize(all);
    const sl = summarize(alone);
    samples[`${s.check} slowed: all checks ms`] = all;
    samples[`${s.check} slowed: that check alone ms`] = alone;
    rows.push(row(`${s.label} +2 s: all four checks, total`, 'ms', sa));
    rows.push(row(`${s.label} +2 s: that check alone`, 'ms', sl));
    rows.push(row(`${s.label} +2 s: slowest check's own duration inside the run`, 'ms', summarize(slowestInRun)));
    rows.push(
      single(`${s.label} +2 s: ratio total / slowest check alone`, 'x', sa.median / sl.median, {
        target: { max: 1.1, text: '≤ 1.1×' },
      }),
    );
  }
  notes.push(
    `Latency fault of ${SLOW_MS} ms on one emulator path at a time; ${RUNS} runs of all checks, each followed by the slowed check run alone.`,
  );
  notes.push(
    'The permissions check starts when the credentials check has its token (by design), so a slow token endpoint delays both; its own duration counts from then.',
  );
  return {
    id: 'online-diagnose',
    title: '3. Online diagnose with one check slowed by 2 s',
    rows,
    samples,
    notes,
    durationMs: nowMs() - t0,
  };
}

// Owns benchmark 1: the app's authorize flow, Authorize click to verdict on screen, against the physical floor
// of the same browser steps. Both sides run the identical scripted sign-in in a fresh browser context (wait for
// the password field, type the password, submit). That "human time" is timed on each side: the script is the same,
// but on the app's side its page and its redeem share the CPU with it, so it does not cancel out, and the table
// judges both the whole flow (issue 22) and each side minus its own human time (issue 10). The floor is Playwright
// alone: new incognito context, authorize URL with PKCE, catch the redirect, one token-endpoint POST,
// jose.decodeJwt of both tokens. A third variant runs the app's AuthorizeService
// directly (same browser factory, no renderer, no IPC) to show where the difference lives. A fourth, the floor's
// steps in the harness's clean context (the stand-in for Electron's partition: a CDP session on the page, the
// redirect URI's origin paused with CDP Fetch, certificate errors put to the app's verdict), shows how much of the
// difference that stand-in costs rather than the app (issue 22). The app keeps its next sign-in window made ahead
// (AuthorizeService.prepare), as it runs; a fifth variant, the renderer with none made ahead, shows the app whose
// window starts at the click, as the floor's does (shown, not judged). Chromium here trusts the emulator process-wide
// (its SPKI, for the floor), so no certificate error reaches that verdict on either side. Interleaved; each run
// starts once the last one's sign-in window is closed and the next made ahead (the app does both after the verdict,
// untimed) and Chromium's processes have gone quiet (process-cpu.ts untilQuiet), and its
// CPU time is split by process (process-cpu.ts), which shows where the app's overhead is spent on two cores.
import { createHash, randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { decodeJwt } from 'jose';
import { AuthorizeService } from '../../electron/services/authorize/authorize-service';
import { TokenStore } from '../../electron/services/tokens/token-store';
import { createCaFetch, createTokenVerifier } from '../../electron/services/tokens/token-verifier';
import { AuthorizeConfigSchema, type AuthorizeConfig } from '../../shared/authorize/schema';
import { playwrightAuthBrowsers } from '../harness/auth-browser';
import { fillAuthorizeForm } from '../harness/authorize-form';
import { openCleanContext } from '../harness/clean-context';
import { startEmulatedApp } from '../harness/emulated-app';
import { CPU_KINDS, cpuByKind, cpuSampler, cpuTotal, type CpuKind } from './process-cpu';
import { row, single, type Row, type SectionResult } from './report';
import { nowMs, pairedDifferences, summarize } from './stats';
import { signInOnEntraPage, waitForSignInPage } from '../harness/entra-sign-in';

// BENCH_FLOW_RUNS=n takes a quicker look while working; the table says n, and its figures are taken at 30.
const RUNS = Number(process.env.BENCH_FLOW_RUNS ?? 30);
const WARMUP = 2;
const AUTHORIZE_BUTTON = 'Authorize in a clean session';

interface FlowTiming {
  /** Start to verdict (or to decoded tokens, for the floor). */
  readonly total: number;
  /** The scripted human: from the password field being visible to the submit click returning. */
  readonly human: number;
  /** Phase boundaries (ms from start), where the variant exposes them. */
  readonly marks: Readonly<Record<string, number>>;
}

/**
 * The scripted "human": identical on every side, on Entra's sign-in pages (username, password, "Stay signed in?").
 * Returns when the sign-in page was visible and when the last answer returned.
 */
async function signIn(
  page: Page,
  upn: string,
  password: string,
  start: number,
): Promise<{ visible: number; submitted: number }> {
  await waitForSignInPage(page);
  const visible = nowMs() - start;
  // Every variant signs in as the login_hint's account, which the username page shows prefilled.
  await signInOnEntraPage(
    page,
    await page
      .locator('#i0116')
      .inputValue()
      .catch(() => ''),
    password,
  );
  return { visible, submitted: nowMs() - start };
}

const b64url = (b: Buffer): string => b.toString('base64url');

export async function benchFlowOverhead(): Promise<SectionResult> {
  const t0 = nowMs();
  const app = await startEmulatedApp({
    area: 'authorize',
    recordPayloads: true,
    viewport: { width: 1280, height: 1000 },
  });
  const { emulator, harness } = app;
  const browser: Browser = harness.browser;
  const upn = emulator.directory.users.servicedesk.upn;
  const password = emulator.directory.users.servicedesk.password ?? '';
  const failures: string[] = [];
  try {
    await fillAuthorizeForm(app, upn, { reload: false });

    // --- the app through its renderer: click Authorize, sign in, wait for a new verdict painted on screen.
    // Both ends are events the page reports as they happen, like the floor's own ends (its redirect event, its
    // decode): the start is the click reaching the page (Playwright's actionability checks before it are the test
    // tool's, not the admin's), the end the frame after the verdict entered the DOM. Waiting on a locator instead
    // polled at 20, 50, 100, 100, then every 500 ms, adding up to half a second to the app's side only (issue 22).
    const appService = harness.services.authorize;
    if (appService === undefined) throw new Error('the harness has no authorize service');
    let clicked: (at: number) => void = () => undefined;
    await harness.page.exposeFunction('__benchClicked', () => clicked(nowMs()));
    const viaRenderer = async (): Promise<FlowTiming> => {
      const page = harness.page;
      const disposedBefore = app.disposed.length;
      const clickAt = new Promise<number>((resolve) => {
        clicked = resolve;
      });
      // Mark the previous verdict so only the new flow's verdict ends the timing. A string: tsx's helpers for
      // named functions do not exist in the page.
      await page.evaluate(`(() => {
        document.querySelectorAll('[data-verdict]').forEach((e) => e.setAttribute('data-bench-old', ''));
        document.addEventListener('click', () => window.__benchClicked(), { once: true, capture: true });
        window.__benchVerdict = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[data-verdict]:not([data-bench-old])')) return;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(resolve, 0));
          });
          observer.observe(document.body, { subtree: true, childList: true });
        });
      })()`);
      await page.getByRole('button', { name: AUTHORIZE_BUTTON }).click();
      const a = await clickAt;
      const { page: authPage } = await app.nextAuthPage();
      const opened = nowMs() - a;
      const s = await signIn(authPage, upn, password, a);
      await page.evaluate('window.__benchVerdict');
      const total = nowMs() - a;
      const verdict = page.locator('[data-verdict]:not([data-bench-old])').first();
      await verdict.waitFor({ state: 'visible', timeout: 5_000 });
      const v = await verdict.getAttribute('data-verdict');
      const code = await verdict
        .locator('[data-verdict-code]')
        .first()
        .getAttribute('data-verdict-code', { timeout: 1_000 })
        .catch(() => null);
      // The emulator is a custom authority: its green-path verdict is amber ('check', CUSTOM_AUTHORITY), never VERIFIED.
      if (v !== 'ok' && !(v === 'check' && code === 'CUSTOM_AUTHORITY'))
        failures.push(`renderer flow ended with verdict ${v} (${code})`);
      // Untimed: the app empties and closes its sign-in window after the verdict, as the other variants close theirs
      // before they return; without this wait that close ran into the next variant's run (most often the floor's).
      await app
        .untilDisposed(disposedBefore + 1)
        .catch((e: unknown) => failures.push(`renderer flow: the sign-in window was not closed (${String(e)})`));
      // And the next flow's window made ahead (AuthorizeService.prepare), which the app does right after that close.
      await appService.settled();
      return {
        total,
        human: s.submitted - s.visible,
        marks: { 'window opened': opened, 'login page ready': s.visible, submitted: s.submitted },
      };
    };

    // The same, with no window made ahead (as when making one ahead failed, or before prepare()): the sign-in window's
    // renderer process starts at the click, as the floor's does.
    const viaRendererCold = async (): Promise<FlowTiming> => {
      await appService.release();
      try {
        return await viaRenderer();
      } finally {
        appService.prepare();
        await appService.settled();
      }
    };

    // One renderer flow first: it yields the exact config the renderer sends and the scopes it asks for.
    await viaRenderer();
    const startCall = harness.payloadLog.find((p) => p.method === 'authorize.start');
    if (!startCall) throw new Error('the renderer made no authorize.start call');
    const cfg: AuthorizeConfig = AuthorizeConfigSchema.parse(JSON.parse(startCall.request));
    const authorizeRequest = emulator.requestLog.find((r) => r.url.includes('/oauth2/v2.0/authorize'));
    const scope = authorizeRequest ? (new URL(authorizeRequest.url).searchParams.get('scope') ?? '') : '';
    if (scope === '') throw new Error('no authorize request with scopes in the emulator log');

    // --- the app's service without renderer or IPC: same browser factory and verifier as the harness wires.
    const servicePages: Page[] = [];
    const pageWaiters: ((p: Page) => void)[] = [];
    const service = new AuthorizeService({
      browsers: playwrightAuthBrowsers(() => browser, {
        onPage: (p: Page, _c: BrowserContext) => {
          const w = pageWaiters.shift();
          if (w) w(p);
          else servicePages.push(p);
        },
      }),
      store: new TokenStore(),
      verifier: createTokenVerifier({ fetch: createCaFetch(emulator.caPem), trustedIssuerHosts: [emulator.host] }),
      // The service logs each state transition; the bench timestamps them to split the flow into phases.
      log: (line) => {
        const kind = /^authorize \S+: ([a-z-]+)/.exec(line)?.[1];
        if (kind !== undefined && serviceMarks[kind] === undefined) serviceMarks[kind] = nowMs() - serviceStart;
      },
    });
    // As the harness's (and main's) service does: a clean window kept ready for the next flow.
    service.prepare();
    await service.settled();
    let serviceStart = 0;
    let serviceMarks: Record<string, number> = {};
    const nextServicePage = (): Promise<Page> => {
      const p = servicePages.shift();
      return p ? Promise.resolve(p) : new Promise((resolve) => pageWaiters.push(resolve));
    };
    const viaService = async (): Promise<FlowTiming> => {
      serviceMarks = {};
      const a = nowMs();
      serviceStart = a;
      service.start(cfg);
      const servicePage = await nextServicePage();
      const opened = nowMs() - a;
      const s = await signIn(servicePage, upn, password, a);
      const state = await service.settled();
      // Its end state (the verdict), as the floor ends at its decoded tokens: settled() also waits for the sign-in
      // window to be emptied and closed, which the app does after the verdict is out and the floor after its end.
      const total = serviceMarks[state.kind] ?? nowMs() - a;
      if (state.kind !== 'done' || !state.result.verdict.ok)
        failures.push(`service flow ended as ${state.kind}${state.kind === 'failed' ? ` ${state.error.code}` : ''}`);
      return {
        total,
        human: s.submitted - s.visible,
        marks: { 'window opened': opened, 'login page ready': s.visible, submitted: s.submitted, ...serviceMarks },
      };
    };

    // --- the floor: Playwright alone, one POST, jose decode.
    const authority = `https://${cfg.customAuthority?.authorityHost ?? emulator.host}/${encodeURIComponent(cfg.tenant)}`;
    /**
     * The floor's steps on a page `open` gives, which also says how the redirect is caught; `close` ends the context
     * (not on the critical path: the floor needs nothing from it once it has the code).
     */
    const floorOn = async (
      open: () => Promise<{ page: Page; redirected: Promise<string>; close: () => Promise<unknown> }>,
    ): Promise<FlowTiming> => {
      const a = nowMs();
      const { page, redirected, close } = await open();
      const opened = nowMs() - a;
      try {
        const verifier = b64url(randomBytes(32));
        const challenge = b64url(createHash('sha256').update(verifier).digest());
        const state = b64url(randomBytes(32));
        const url = `${authority}/oauth2/v2.0/authorize?${new URLSearchParams({
          client_id: cfg.clientId,
          response_type: 'code',
          redirect_uri: cfg.redirectUri,
          scope,
          state,
          nonce: b64url(randomBytes(24)),
          code_challenge: challenge,
          code_challenge_method: 'S256',
          prompt: 'login',
          login_hint: cfg.signInAccount,
          response_mode: 'query',
        }).toString()}`;
        await page.goto(url);
        const s = await signIn(page, upn, password, a);
        const callback = new URL(await redirected);
        const caught = nowMs() - a;
        if (callback.searchParams.get('state') !== state) failures.push('floor: state mismatch');
        const res = await fetch(`${authority}/oauth2/v2.0/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: cfg.clientId,
            client_secret: cfg.clientSecret ?? '',
            code: callback.searchParams.get('code') ?? '',
            redirect_uri: cfg.redirectUri,
            code_verifier: verifier,
            scope,
          }).toString(),
        });
        const body = (await res.json()) as { id_token?: string; access_token?: string; error?: string };
        const redeemed = nowMs() - a;
        if (!body.access_token || !body.id_token)
          failures.push(`floor: token endpoint answered ${res.status} ${body.error ?? ''}`);
        else if (
          decodeJwt(body.id_token).preferred_username === undefined ||
          decodeJwt(body.access_token).upn === undefined
        )
          failures.push('floor: tokens without identity');
        const total = nowMs() - a;
        return {
          total,
          human: s.submitted - s.visible,
          marks: {
            'window opened': opened,
            'login page ready': s.visible,
            submitted: s.submitted,
            'redirect caught': caught,
            'tokens redeemed': redeemed,
          },
        };
      } finally {
        // The floor needs nothing from the context once it has the code, so closing it is not on its critical
        // path; the app, likewise, empties and closes its context while it redeems (issue 22).
        await close();
      }
    };
    // A plain context: Chromium was started trusting the emulator's certificate (its SPKI), so nothing is paused.
    const floor = (): Promise<FlowTiming> =>
      floorOn(async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        const redirected = page
          .waitForRequest((r) => r.url().startsWith(cfg.redirectUri), { timeout: 30_000 })
          .then((r) => r.url());
        return { page, redirected, close: () => context.close() };
      });
    // The harness's clean context, as the app's sign-in window gets it (auth-browser.ts): the redirect URI's origin
    // paused and caught there, a refused certificate of the authority's host put to the app's verdict with its CA.
    const redirectOrigin = new URL(cfg.redirectUri).origin;
    const floorClean = (): Promise<FlowTiming> =>
      floorOn(async () => {
        const clean = await openCleanContext(browser);
        let caught: (url: string) => void = () => undefined;
        const redirected = new Promise<string>((resolve) => {
          caught = resolve;
        });
        const page = await clean.openPage({
          pause: [{ urlPattern: `${redirectOrigin}/*`, requestStage: 'Request' }],
          answer: (request) => {
            if (!request.isMainFrame || !request.url.startsWith(cfg.redirectUri)) return { kind: 'continue' };
            caught(request.url);
            return { kind: 'fail' };
          },
          trust: { host: emulator.host.replace(/:\d+$/, ''), caPem: emulator.caPem },
        });
        return { page, redirected, close: () => clean.wipe() };
      });

    const variants = {
      floor,
      floorClean,
      service: viaService,
      renderer: viaRenderer,
      rendererCold: viaRendererCold,
    } as const;
    type Variant = keyof typeof variants;
    const order = Object.keys(variants) as Variant[];
    const perVariant = <T>(): Record<Variant, T[]> =>
      Object.fromEntries(order.map((v) => [v, [] as T[]])) as Record<Variant, T[]>;
    const timings = perVariant<FlowTiming>();
    // Each run's CPU time, by process kind: snapshots just before and after it, outside its timed window.
    const cpu = perVariant<Record<CpuKind, number>>();
    const quietWaits = perVariant<number>();
    const sampler = await cpuSampler(browser);
    try {
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const rotated = [...order.slice(i % order.length), ...order.slice(0, i % order.length)];
        for (const v of rotated) {
          const before = await sampler.snapshot();
          const t = await variants[v]();
          // Untimed: what the run set off and outlives it (a new renderer process's work after its page is up, the
          // app's next window made ahead) dies down first, and counts in this run's CPU, not the next one's.
          const settledDown = await sampler.quiet();
          if (!settledDown.quiet)
            failures.push(`${v}: Chromium still busy ${Math.round(settledDown.waitedMs)} ms after a run`);
          const spent = cpuByKind(before, await sampler.snapshot());
          if (i >= WARMUP) {
            timings[v].push(t);
            cpu[v].push(spent);
            quietWaits[v].push(settledDown.waitedMs);
          }
        }
      }
    } finally {
      await sampler.close();
    }
    const cpuOf = (v: Variant, kind?: CpuKind) =>
      summarize(cpu[v].map((c) => (kind === undefined ? cpuTotal(c) : c[kind])));
    const cpuRows: Row[] = [
      row('CPU per run, all processes: floor', 'ms', cpuOf('floor')),
      row('CPU per run, all processes: app service', 'ms', cpuOf('service')),
      row('CPU per run, all processes: app (renderer)', 'ms', cpuOf('renderer')),
      single(
        'CPU the app (renderer) adds per run over the floor, medians',
        'ms',
        cpuOf('renderer').median - cpuOf('floor').median,
        {
          note: 'on two cores, about half of it is wall time the flow waits for',
        },
      ),
      ...order.map((v) =>
        row(`  untimed wait after a run until Chromium is quiet: ${v}`, 'ms', summarize(quietWaits[v])),
      ),
      ...CPU_KINDS.flatMap((k) => [
        row(`  CPU per run, ${k}: floor`, 'ms', cpuOf('floor', k)),
        row(`  CPU per run, ${k}: app (renderer)`, 'ms', cpuOf('renderer', k)),
      ]),
    ];

    const totals = (v: Variant) => timings[v].map((t) => t.total);
    const sf = summarize(totals('floor'));
    const sfc = summarize(totals('floorClean'));
    const ss = summarize(totals('service'));
    const sr = summarize(totals('renderer'));
    const src = summarize(totals('rendererCold'));
    const human = (v: Variant) => summarize(timings[v].map((t) => t.human));
    const withoutHuman = (v: Variant) => summarize(timings[v].map((t) => t.total - t.human));
    const floorNoHuman = withoutHuman('floor');
    const appNoHuman = withoutHuman('renderer');
    const coldNoHuman = withoutHuman('rendererCold');
    // Phase durations between consecutive marks, in the order each variant passes them.
    const PHASE_MARKS: Record<Variant, readonly string[]> = {
      floor: ['window opened', 'login page ready', 'submitted', 'redirect caught', 'tokens redeemed'],
      floorClean: ['window opened', 'login page ready', 'submitted', 'redirect caught', 'tokens redeemed'],
      service: ['signing-in', 'window opened', 'login page ready', 'submitted', 'redeeming', 'verifying'],
      renderer: ['window opened', 'login page ready', 'submitted'],
      rendererCold: ['window opened', 'login page ready', 'submitted'],
    };
    const phaseRows = (v: Variant): Row[] => {
      const names = ['start', ...PHASE_MARKS[v], 'end'];
      const out: Row[] = [];
      for (let i = 1; i < names.length; i++) {
        const from = names[i - 1] ?? '';
        const to = names[i] ?? '';
        const xs = timings[v]
          .map(
            (t) =>
              (to === 'end' ? t.total : (t.marks[to] ?? Number.NaN)) -
              (from === 'start' ? 0 : (t.marks[from] ?? Number.NaN)),
          )
          .filter(Number.isFinite);
        if (xs.length > 0) out.push(row(`    ${v}: ${from} → ${to}`, 'ms', summarize(xs)));
      }
      return out;
    };
    const rows: Row[] = [
      row('floor: Playwright + token POST + jose decode', 'ms', sf),
      row('app service: AuthorizeService start → end state (verdict)', 'ms', ss),
      row('app: Authorize click → verdict on screen (renderer + IPC)', 'ms', sr),
      row('  human (scripted: type password, submit): floor', 'ms', human('floor')),
      row('  human (scripted: type password, submit): app', 'ms', human('renderer')),
      row('  floor minus human time', 'ms', floorNoHuman),
      row('  app (renderer) minus human time', 'ms', appNoHuman),
      single('ratio app (renderer) / floor, whole flow (issue 22), medians', 'x', sr.median / sf.median, {
        target: { max: 1.15, text: '≤ 1.15×' },
      }),
      single('absolute overhead app (renderer) − floor, whole flow, medians', 'ms', sr.median - sf.median, {
        target: { max: 50, text: '≤ 50 ms' },
      }),
      // Issue 10 words the target on each side minus its human time; issue 22 on the whole flow. Both are judged. The
      // app's human phase is itself longer (its page and its redeem share the CPU with the typing), so subtracting each
      // side's own human time drops that part of the overhead, and leaves the rest over a smaller floor.
      single(
        'ratio app (renderer) / floor, each minus its human time (issue 10’s wording), medians',
        'x',
        appNoHuman.median / floorNoHuman.median,
        { target: { max: 1.15, text: '≤ 1.15×' } },
      ),
      single(
        'absolute overhead, each minus its human time (issue 10’s wording), medians',
        'ms',
        appNoHuman.median - floorNoHuman.median,
        { target: { max: 50, text: '≤ 50 ms' } },
      ),
      row(
        '  paired per-round difference app (renderer) − floor',
        'ms',
        summarize(pairedDifferences(totals('renderer'), totals('floor'))),
      ),
      // Judged above is the app as it runs, its sign-in window made ahead; without one, the window's renderer process
      // starts at the click, as the floor's does. Shown, not judged: the app is not meant to run that way.
      row('app with no window made ahead (cold): Authorize click → verdict on screen', 'ms', src),
      single('  ratio app (cold) / floor, whole flow, medians', 'x', src.median / sf.median),
      single('  absolute overhead app (cold) − floor, whole flow, medians', 'ms', src.median - sf.median),
      single(
        '  ratio app (cold) / floor, each minus its human time, medians',
        'x',
        coldNoHuman.median / floorNoHuman.median,
      ),
      single(
        '  absolute overhead app (cold) − floor, each minus its human time, medians',
        'ms',
        coldNoHuman.median - floorNoHuman.median,
      ),
      single('ratio app service / floor, medians', 'x', ss.median / sf.median),
      single('absolute overhead app service − floor, medians', 'ms', ss.median - sf.median),
      single('renderer + IPC share: app (renderer) − app service, medians', 'ms', sr.median - ss.median),
      row(
        'floor in the harness’s clean context (CDP session, redirect caught with CDP Fetch, as the app’s window)',
        'ms',
        sfc,
      ),
      single('harness stand-in share: clean-context floor − floor, medians', 'ms', sfc.median - sf.median, {
        note: 'what the harness’s stand-in for the partition (its CDP session and Fetch) adds to any sign-in window',
      }),
      single('ratio app service / clean-context floor, medians', 'x', ss.median / sfc.median),
      single('ratio app (renderer) / clean-context floor, medians', 'x', sr.median / sfc.median),
      ...cpuRows,
      ...phaseRows('floor'),
      ...phaseRows('floorClean'),
      ...phaseRows('service'),
      ...phaseRows('renderer'),
      ...phaseRows('rendererCold'),
    ];
    const notes = [
      `${RUNS} runs per variant after ${WARMUP} unmeasured rounds, interleaved (order rotates each round); scopes: ${scope}.`,
      'Both sides include the same browser steps (fresh context, login page, password typed, submit, redirect caught); the scripted human part is timed on each side (the same script; on the app’s side the app’s page and its redeem share the CPU with it). Phase rows (indented) split each variant at the marks it exposes.',
      'CPU rows: each run’s CPU time over every process, Chromium’s as Chromium reports it (10 ms resolution here), taken just before the run and after it once Chromium’s processes have gone quiet (at most 10 ms of CPU over 250 ms: a new renderer process works for a second or two after its page is up, and the app makes its next window after each flow), so work a run sets off counts in it, not in the next run; a sign-in page’s renderer that ends with its window counts up to its last sample (every 100 ms). On two cores a flow keeps both busy, so CPU the app adds (its window rendering the progress and the verdict, the GPU process compositing it, Node answering its IPC) is largely wall time.',
      'The app keeps its next sign-in window made ahead (AuthorizeService.prepare: a new in-memory partition, a blank page, hidden), made once the last flow’s window has closed; each run here starts after that, as a click does when the admin fills in the form. The floor starts its browser context and page in its timed window; “app (cold)” shows the app doing the same.',
      'The app also does what the floor does not: MSAL (PKCE/state/nonce bookkeeping; the authority’s discovery only on its first flow, then for 10 minutes from what MSAL discovered), ID-token signature check against the JWKS (discovery and keys kept per authority), verdict; the renderer follows the flow by long-polling authorize.status (main answers at once on a change), then renders the verdict panel.',
    ];
    if (failures.length > 0) notes.push(`FAILURES (${failures.length}): ${[...new Set(failures)].join('; ')}`);
    return {
      id: 'flow-overhead',
      title: '1. Flow overhead: Authorize → verdict vs the physical floor',
      rows,
      notes,
      samples: {
        floorMs: totals('floor'),
        floorCleanMs: totals('floorClean'),
        serviceMs: totals('service'),
        rendererMs: totals('renderer'),
        rendererColdMs: totals('rendererCold'),
        floorHumanMs: timings.floor.map((t) => t.human),
        serviceHumanMs: timings.service.map((t) => t.human),
        rendererHumanMs: timings.renderer.map((t) => t.human),
        floorCpuMs: cpu.floor.map(cpuTotal),
        rendererCpuMs: cpu.renderer.map(cpuTotal),
      },
      durationMs: nowMs() - t0,
    };
  } finally {
    await app.close();
  }
}

// The appOnly.* handlers: the app-only test. The renderer sends the registration and the secret once (or the id of
// a certificate main read from the file chosen in its own dialog: the private key never crosses IPC); main obtains
// the client-credentials tokens, probes with them and drops them — the answer carries roles, findings, probe results
// and the scope verdict, never a token. The tokens go only to the cloud's own hosts or to the endpoints main was
// configured with (probes.defaults: the harness's Dovecot and emulator), never to hosts the request names.
import type { INetworkModule } from '@azure/msal-node';
import { authorityOf } from '../../../shared/cloud/hosts';
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { ProbeOverrides } from '../../../shared/probes/schema';
import type { OpenFileDialog } from '../authorize/ca-file';
import { resourcesFor, runAppOnly } from './app-only-run';
import type { AppOnlyRunStore } from './app-only-runs';
import { CERT_DIALOG_OPTIONS, readCertificateFile, type CertificateKeeper } from './certificate-file';

export interface AppOnlyHandlerDeps {
  readonly probes: { readonly defaults?: ProbeOverrides | undefined };
  readonly appOnly: {
    /** MSAL's network for the client-credentials requests (tests); default node:https. */
    readonly network?: INetworkModule | undefined;
    /** The certificates chosen in main's dialog, by the id the renderer holds. */
    readonly certificates: CertificateKeeper;
    /** Main's open dialog for the certificate file (Electron's; the harness answers with a set path). */
    readonly dialog?: OpenFileDialog | undefined;
    /** The runs kept for the hand-over's field sheet (by the runId the answer carries). */
    readonly runs?: AppOnlyRunStore | undefined;
  };
}

export function createAppOnlyHandlers(deps: AppOnlyHandlerDeps): NamespaceHandlers<'appOnly'> {
  return {
    // The renderer only asks; main shows the dialog, reads and checks the file and keeps the key.
    'appOnly.chooseCertificate': async () => {
      if (!deps.appOnly.dialog) throw codedError('CERT_DIALOG_UNAVAILABLE');
      const path = await deps.appOnly.dialog.choose(CERT_DIALOG_OPTIONS);
      if (path === undefined) return { chosen: false as const };
      const cert = await readCertificateFile(path);
      return { chosen: true as const, certificateId: deps.appOnly.certificates.keep(cert), ...cert.facts };
    },
    'appOnly.run': async (req) => {
      const a = authorityOf(req);
      if (a === undefined)
        throw codedError('INVALID_REQUEST', { method: 'appOnly.run', detail: 'A custom authority needs its host.' });
      const ca = req.customAuthority?.caPem;
      const defaults = deps.probes.defaults;
      const certificate =
        req.certificateId === undefined ? undefined : deps.appOnly.certificates.get(req.certificateId);
      const run = await runAppOnly({
        authority: a.authority,
        cloud: req.cloud,
        clientId: req.clientId,
        ...(certificate === undefined ? { clientSecret: req.clientSecret } : { certificate }),
        mailbox: req.mailbox,
        protocols: req.protocols,
        ...(req.canary === undefined ? {} : { canary: req.canary }),
        ...(req.showSubject === true ? { showSubject: true } : {}),
        ...(defaults === undefined ? {} : { overrides: defaults }),
        ...(ca === undefined ? {} : { ca }),
        ...(deps.appOnly.network === undefined ? {} : { network: deps.appOnly.network }),
      });
      // Kept for the hand-over: the values Entra accepted (the scopes as the resources' .default the tokens were
      // issued for), the secret that worked, the probes and verdicts; never the tokens, never the subject line.
      const resources = resourcesFor(req.cloud);
      const scopes = [
        ...(run.roles.some((r) => r.resource === 'graph') ? [resources.graph] : []),
        ...(run.roles.some((r) => r.resource === 'exchange') ? [resources.exchange] : []),
      ];
      const ok = run.results.every((r) => r.outcome === 'ok') && !run.findings.some((f) => f.severity === 'error');
      const kept =
        req.presetId === undefined || deps.appOnly.runs === undefined
          ? undefined
          : deps.appOnly.runs.put({
              run: {
                presetId: req.presetId,
                cloud: req.cloud,
                ...(req.customAuthority === undefined ? {} : { customAuthority: req.customAuthority }),
                tenant: req.tenant,
                clientId: req.clientId,
                redirectUri: req.redirectUri ?? '',
                scopes,
                mailbox: req.mailbox,
                appOnly: {
                  protocols: [...req.protocols],
                  credential: certificate === undefined ? 'secret' : 'certificate',
                  ...(certificate === undefined ? {} : { thumbprint: certificate.facts.thumbprint }),
                },
              },
              ...(req.clientSecret === undefined ? {} : { clientSecret: req.clientSecret }),
              verdict: {
                ok,
                // Checked only against a custom authority (not Microsoft): the sheet is drawn amber, as a delegated run's.
                code: !ok
                  ? 'APP_ONLY_CHECKS_FAILED'
                  : req.cloud === 'custom'
                    ? 'CUSTOM_AUTHORITY_APP_ONLY'
                    : 'APP_ONLY_VERIFIED',
                sentence: ok
                  ? 'The app got its own tokens and reached the mailbox with them.'
                  : 'The app-only test found a problem: see its results.',
                nextStep: ok ? 'Hand the values over.' : 'Fix what the app-only results say, then test again.',
                ...(req.cloud === 'custom' ? { customAuthority: new URL(a.authority).host } : {}),
              },
              findings: run.findings,
              probes: run.results.map((r) => ({ protocol: r.protocol, outcome: r.outcome, endpoint: r.endpoint })),
              ...(run.scope === undefined ? {} : { scope: run.scope }),
            });
      return {
        ...(kept === undefined ? {} : { runId: kept.id }),
        roles: run.roles.map((r) => ({ resource: r.resource, roles: [...r.roles] })),
        findings: [...run.findings],
        results: [...run.results],
        ...(run.scope === undefined
          ? {}
          : { scope: { ...run.scope, fix: [...run.scope.fix], sources: [...run.scope.sources] } }),
        // For the screen only (asked for with showSubject); the record above never had it.
        ...(run.newestSubject === undefined ? {} : { newestSubject: run.newestSubject }),
      };
    },
  };
}

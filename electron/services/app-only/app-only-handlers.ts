// The appOnly.* handler: the app-only test. The renderer sends the registration and the secret once; main obtains
// the client-credentials tokens, probes with them and drops them — the answer carries roles, findings, probe results
// and the scope verdict, never a token. The tokens go only to the cloud's own hosts or to the endpoints main was
// configured with (probes.defaults: the harness's Dovecot and emulator), never to hosts the request names.
import type { INetworkModule } from '@azure/msal-node';
import { authorityOf } from '../../../shared/cloud/hosts';
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { ProbeOverrides } from '../../../shared/probes/schema';
import { runAppOnly } from './app-only-run';

export interface AppOnlyHandlerDeps {
  readonly probes: { readonly defaults?: ProbeOverrides | undefined };
  /** MSAL's network for the client-credentials requests (tests); default node:https. */
  readonly appOnly: { readonly network?: INetworkModule | undefined };
}

export function createAppOnlyHandlers(deps: AppOnlyHandlerDeps): NamespaceHandlers<'appOnly'> {
  return {
    'appOnly.run': async (req) => {
      const a = authorityOf(req);
      if (a === undefined)
        throw codedError('INVALID_REQUEST', { method: 'appOnly.run', detail: 'A custom authority needs its host.' });
      const ca = req.customAuthority?.caPem;
      const defaults = deps.probes.defaults;
      const run = await runAppOnly({
        authority: a.authority,
        cloud: req.cloud,
        clientId: req.clientId,
        clientSecret: req.clientSecret,
        mailbox: req.mailbox,
        protocols: req.protocols,
        ...(req.canary === undefined ? {} : { canary: req.canary }),
        ...(defaults === undefined ? {} : { overrides: defaults }),
        ...(ca === undefined ? {} : { ca }),
        ...(deps.appOnly.network === undefined ? {} : { network: deps.appOnly.network }),
      });
      return {
        roles: run.roles.map((r) => ({ resource: r.resource, roles: [...r.roles] })),
        findings: [...run.findings],
        results: [...run.results],
        ...(run.scope === undefined
          ? {}
          : { scope: { ...run.scope, fix: [...run.scope.fix], sources: [...run.scope.sources] } }),
      };
    },
  };
}

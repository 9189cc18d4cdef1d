// The audit.* handlers: run an audit (the admin signs in in its own clean window; main holds the token for the
// reads and drops it) and cancel it. The renderer gets facts, checks and findings, never a token. Without an
// isolated browser (a bare handler table) they answer NOT_AVAILABLE.
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { AuditService } from './audit-service';

export interface AuditHandlerDeps {
  /** The audit; absent where no isolated browser exists. */
  readonly audit?: AuditService | undefined;
}

export function createAuditHandlers(deps: AuditHandlerDeps): NamespaceHandlers<'audit'> {
  const need = (): AuditService => {
    if (!deps.audit) throw codedError('NOT_AVAILABLE', { part: 'an isolated browser', activity: 'an admin audit' });
    return deps.audit;
  };
  return {
    'audit.run': async (req) => need().run(req),
    'audit.cancel': async ({ runId }) => ({ cancelled: deps.audit?.cancel(runId) ?? false }),
  };
}

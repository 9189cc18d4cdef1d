// The "process" half of every probe (request/process split): turns what a probe observed — the phase it
// reached, the server's words, a socket error — into an outcome, a one-line explanation and a next step,
// cross-checked against the token. Pure and synchronous, so the recognition of Exchange's answers is
// unit-tested without any server.
import {
  PROBE_OUTCOME_CODES,
  type ProbeOutcome,
  type ProbePhase,
  type ProbeProtocol,
  type ProbeResult,
  type ProbeTimings,
  type ProbeTokenFacts,
} from '../../../shared/probes/schema';
import { assertNever } from '../../../shared/assert-never';
import { redactKnown } from '../../../shared/text/redact';
import { ERRORS } from '../errors';
import { audienceKind } from './token-facts';

/** How a probe stopped early. `answer` means the server replied and refused. */
export type ProbeFailure =
  | { readonly kind: 'timeout'; readonly phase: ProbePhase; readonly boundMs: number }
  | { readonly kind: 'cancelled'; readonly phase: ProbePhase }
  | { readonly kind: 'network'; readonly phase: ProbePhase; readonly code?: string; readonly message: string }
  | { readonly kind: 'tls'; readonly phase: ProbePhase; readonly code?: string; readonly message: string }
  | {
      readonly kind: 'answer';
      readonly phase: ProbePhase;
      readonly text: string;
      readonly status?: number;
      readonly errorCode?: string;
    };

export interface ProbeObservation {
  readonly protocol: ProbeProtocol;
  readonly endpoint: string;
  /** Raw server lines worth showing (not yet redacted). */
  readonly serverWords: readonly string[];
  readonly timings: ProbeTimings;
  readonly failure?: ProbeFailure;
  /** Set when the probe succeeded, e.g. "3 messages in INBOX". */
  readonly detail?: string;
}

interface Verdict {
  readonly outcome: ProbeOutcome;
  readonly explanation: string;
  readonly nextStep: string;
}

const PROTOCOL_LABEL: Readonly<Record<ProbeProtocol, string>> = {
  imap: 'IMAP',
  pop: 'POP',
  smtp: 'SMTP',
  graph: 'Graph',
};

const TLS_CODES = /^(?:CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Sorts a socket-level error into network or TLS trouble, by Node's error code. */
export function failureFromSocketError(phase: ProbePhase, error: { code?: unknown; message?: unknown }): ProbeFailure {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : 'connection failed';
  if (
    (code !== undefined && TLS_CODES.test(code)) ||
    phase === 'tls' ||
    /certificate|handshake|ssl|tls alert/i.test(message)
  ) {
    return { kind: 'tls', phase, ...(code === undefined ? {} : { code }), message };
  }
  return { kind: 'network', phase, ...(code === undefined ? {} : { code }), message };
}

const MAILBOX_DISABLED =
  /\b(?:IMAP4?|POP3?|protocol|SmtpClientAuthentication|SMTP AUTH)\b[^\r\n]{0,80}?\b(?:disabled|not enabled|not allowed)\b/i;
const NOT_CONNECTED = /User is authenticated but not connected/i;

/** Recognises a refusal in the server's own words. Known Exchange Online answers first, then the generic forms. */
export function recogniseAnswer(protocol: ProbeProtocol, failure: Extract<ProbeFailure, { kind: 'answer' }>): Verdict {
  const text = failure.text;
  const label = PROTOCOL_LABEL[protocol];
  switch (protocol) {
    case 'imap':
    case 'pop': {
      if (NOT_CONNECTED.test(text)) {
        return {
          outcome: 'not-authorized-for-mailbox',
          explanation: `Exchange accepted the token but would not open the mailbox named in user= ("User is authenticated but not connected"): the signed-in account has no access to it, or user= is not that mailbox.`,
          nextStep:
            'Check that user= is the mailbox address, and for a shared mailbox that the signed-in delegate has Full Access (Add-MailboxPermission).',
        };
      }
      if (MAILBOX_DISABLED.test(text)) {
        return {
          outcome: 'protocol-disabled',
          explanation: `${label} is disabled for this mailbox or organisation, so the server refuses the login whatever the token.`,
          nextStep: `Enable ${label} for the mailbox (Set-CASMailbox -${protocol === 'imap' ? 'ImapEnabled' : 'PopEnabled'} $true) and wait for it to apply.`,
        };
      }
      if (failure.phase === 'firstCommand') {
        return {
          outcome: 'not-authorized-for-mailbox',
          explanation: `The login worked but the server refused to ${protocol === 'imap' ? 'open INBOX' : 'read the mailbox'}.`,
          nextStep: 'Check the mailbox permissions for the signed-in account and that user= names the mailbox.',
        };
      }
      return {
        outcome: 'auth-failed',
        explanation: `The server refused AUTHENTICATE XOAUTH2 (${/AUTHENTICATE failed/i.test(text) ? '"AUTHENTICATE failed"' : 'authentication failed'}): the token was not accepted for user=.`,
        nextStep: `Check the token is an Outlook token with ${label === 'IMAP' ? 'IMAP.AccessAsUser.All' : 'POP.AccessAsUser.All'} for the account in user=, and that ${label} is enabled for the mailbox.`,
      };
    }
    case 'smtp': {
      const enhanced = /\b5\.7\.(\d{1,3})\b/.exec(text)?.[0];
      if (enhanced === '5.7.139') {
        if (/security defaults|conditional access|did not meet the criteria|locked/i.test(text)) {
          return {
            outcome: 'auth-failed',
            explanation:
              'Exchange blocked SMTP AUTH for this sign-in (535 5.7.139): security defaults or a Conditional Access policy refuse basic SMTP client authentication.',
            nextStep:
              'Ask the tenant admin to review security defaults / Conditional Access for this account, or use Graph to send instead.',
          };
        }
        return {
          outcome: 'protocol-disabled',
          explanation:
            'SMTP AUTH is disabled for this mailbox or the whole tenant (535 5.7.139 "SmtpClientAuthentication is disabled").',
          nextStep:
            'Enable it for the mailbox: Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false (and check the tenant-wide setting).',
        };
      }
      if (
        MAILBOX_DISABLED.test(text) ||
        /Unrecognized authentication type|does not offer XOAUTH2|5\.7\.4\b/i.test(text)
      ) {
        return {
          outcome: 'protocol-disabled',
          explanation:
            'The SMTP server does not offer AUTH XOAUTH2 here: SMTP AUTH is off, or the server is not Exchange Online submission.',
          nextStep: 'Use smtp.office365.com port 587 with STARTTLS and make sure SMTP AUTH is enabled for the mailbox.',
        };
      }
      if (failure.status === 535 || enhanced === '5.7.3' || failure.phase === 'auth') {
        return {
          outcome: 'auth-failed',
          explanation: `The SMTP server refused AUTH XOAUTH2 (${enhanced === undefined ? `reply ${failure.status ?? 'unknown'}` : `${failure.status ?? 535} ${enhanced}`}): the token was not accepted for user=.`,
          nextStep:
            'Check the token is an Outlook token with SMTP.Send for the account in user=, and that SMTP AUTH is enabled for the mailbox.',
        };
      }
      return {
        outcome: 'network',
        explanation: `The SMTP server answered unexpectedly before authentication (${firstLine(text)}).`,
        nextStep: 'Check the host and port (smtp.office365.com:587) and that nothing between intercepts SMTP.',
      };
    }
    case 'graph': {
      const code = failure.errorCode ?? '';
      if (failure.status === 401) {
        return {
          outcome: 'auth-failed',
          explanation: `Graph refused the token (401 ${code || 'Unauthorized'}): it is expired, malformed or not issued for Microsoft Graph.`,
          nextStep: 'Get a Graph access token (scope https://graph.microsoft.com/Mail.Read) and probe again.',
        };
      }
      if (code === 'MailboxNotEnabledForRESTAPI' || code === 'MailboxNotSupportedForRESTAPI') {
        return {
          outcome: 'protocol-disabled',
          explanation: `Graph cannot reach this mailbox over REST (${code}): it is on-premises, inactive or not licensed for Exchange Online.`,
          nextStep:
            'Check the mailbox is an Exchange Online mailbox with a license, or use IMAP/POP against the on-premises server.',
        };
      }
      if (failure.status === 403) {
        return {
          outcome: 'not-authorized-for-mailbox',
          explanation: `Graph accepted the token but refused access to this mailbox (403 ${code || 'Forbidden'}).`,
          nextStep:
            'Grant the signed-in account access to the mailbox (or for app-only tokens, Mail.Read with admin consent and the application access policy), then probe again.',
        };
      }
      if (failure.status === 404) {
        return {
          outcome: 'not-authorized-for-mailbox',
          explanation: `Graph cannot see this mailbox (404 ${code || 'Not Found'}): the address is wrong, it has no mailbox, or this token has no rights on it.`,
          nextStep: 'Check the mailbox address, and that the signed-in account has access to it.',
        };
      }
      return {
        outcome: 'network',
        explanation: `Graph answered ${failure.status ?? 'unexpectedly'}${code ? ` (${code})` : ''}.`,
        nextStep: 'Retry in a minute; if it persists, check the Graph host for this cloud and any proxy in between.',
      };
    }
    default:
      return assertNever(protocol, 'probe protocol');
  }
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').slice(0, 200);
}

function verdictForTransport(
  protocol: ProbeProtocol,
  failure: Exclude<ProbeFailure, { kind: 'answer' }>,
  endpoint: string,
): Verdict {
  const label = PROTOCOL_LABEL[protocol];
  switch (failure.kind) {
    case 'cancelled':
      return {
        outcome: 'cancelled',
        explanation: `The ${label} probe was cancelled during ${phaseWords(failure.phase)}.`,
        nextStep: 'Run the test again when ready.',
      };
    case 'timeout':
      return {
        outcome: 'timeout',
        explanation: `${endpoint} did not answer within ${failure.boundMs} ms during ${phaseWords(failure.phase)}.`,
        nextStep:
          'Check that the host and port are right and that a firewall or proxy is not silently dropping the connection.',
      };
    case 'tls':
      return {
        outcome: 'tls',
        explanation: `The TLS handshake with ${endpoint} failed (${failure.code ?? firstLine(failure.message)}): the certificate is not trusted or does not match the host.`,
        nextStep:
          'Check the host name; behind a TLS-inspecting proxy or on-premises, add its CA certificate (--ca-file).',
      };
    case 'network':
      // The proxy set under Settings > Network failed (net/proxy-tunnel.ts): its sentence names the proxy and what it
      // answered; the server behind it was never reached, so it is not blamed.
      if (failure.code === 'PROXY_UNREACHABLE' || failure.code === 'PROXY_REFUSED')
        return { outcome: 'network', explanation: failure.message, nextStep: ERRORS[failure.code].nextStep };
      return {
        outcome: 'network',
        explanation: `Could not reach ${endpoint} (${failure.code ?? firstLine(failure.message)}).`,
        nextStep: `Check the host and port for this cloud, your network connection and whether outbound ${label} traffic is allowed.`,
      };
    default:
      return assertNever(failure, 'probe failure');
  }
}

function phaseWords(phase: ProbePhase): string {
  return {
    connect: 'the connection',
    tls: 'the TLS handshake',
    auth: 'authentication',
    firstCommand: 'the first command',
  }[phase];
}

/**
 * Whatever the token says that explains a refusal better than the server can. Order: expiry (certain to fail),
 * wrong resource, then identity ≠ user= (may be fine in delegate mode, so it is the likely cause, not a certainty).
 */
function tokenVerdict(
  protocol: ProbeProtocol,
  token: ProbeTokenFacts,
  mailbox: string,
  server: Verdict,
): Verdict | undefined {
  if (token.expired) {
    return {
      outcome: server.outcome,
      explanation: `The token expired${token.expiresAt === undefined ? '' : ` at ${token.expiresAt}`}, so the server refused it.`,
      nextStep: 'Get a fresh access token (authorize again, or redeem the refresh token) and probe again.',
    };
  }
  const kind = audienceKind(token.audience);
  if (protocol === 'graph' && kind === 'outlook') {
    return {
      outcome: server.outcome,
      explanation: `This token is for Outlook (IMAP/POP/SMTP, aud ${token.audience}), not for Microsoft Graph.`,
      nextStep: 'Probe Graph with a Graph token, or probe IMAP/POP/SMTP with this one.',
    };
  }
  if (protocol !== 'graph' && kind === 'graph') {
    return {
      outcome: server.outcome,
      explanation: `This token is for Microsoft Graph (aud ${token.audience}); ${PROTOCOL_LABEL[protocol]} needs an Outlook token.`,
      nextStep:
        'Request https://outlook.office.com/IMAP.AccessAsUser.All (POP/SMTP likewise) with the refresh token and probe again.',
    };
  }
  if (token.identity !== undefined && !token.appOnly && token.identity !== mailbox.toLowerCase()) {
    return {
      outcome: server.outcome,
      explanation: `The token belongs to ${token.identity}, but user= names ${mailbox}: the server refuses unless ${token.identity} has access to that mailbox (delegate mode).`,
      nextStep: `Authorize again signed in as ${mailbox}; or, if it is a shared mailbox, grant ${token.identity} Full Access to it.`,
    };
  }
  return undefined;
}

/**
 * The whole interpretation: observation + token facts → the result the user sees. `secrets` are what the probe
 * sent (the token, the XOAUTH2 blob): any piece of them in the server's words is masked, so a server that echoes
 * the token back, whole or cut into words, cannot hand it to the window.
 */
export function classifyObservation(
  obs: ProbeObservation,
  token: ProbeTokenFacts,
  mailbox: string,
  secrets: readonly string[] = [],
): ProbeResult {
  const serverWords = obs.serverWords.slice(-20).map((w) => redactKnown(w.slice(0, 4000), secrets).slice(0, 1000));
  const base = { protocol: obs.protocol, endpoint: obs.endpoint, serverWords, timings: obs.timings };
  const failure = obs.failure;
  if (failure === undefined) {
    return {
      ...base,
      outcome: 'ok',
      code: PROBE_OUTCOME_CODES.ok,
      ...(obs.detail === undefined ? {} : { detail: obs.detail }),
      explanation: `${PROTOCOL_LABEL[obs.protocol]} accepted the token for ${mailbox}${obs.detail === undefined ? '' : ` (${obs.detail})`}.`,
      nextStep: 'Nothing to do: this protocol works with this token.',
    };
  }
  let verdict: Verdict;
  if (failure.kind === 'answer') {
    const server = recogniseAnswer(obs.protocol, failure);
    const fromToken =
      server.outcome === 'auth-failed' || server.outcome === 'not-authorized-for-mailbox'
        ? tokenVerdict(obs.protocol, token, mailbox, server)
        : undefined;
    verdict = fromToken ?? server;
  } else {
    verdict = verdictForTransport(obs.protocol, failure, obs.endpoint);
  }
  return {
    ...base,
    outcome: verdict.outcome,
    code: PROBE_OUTCOME_CODES[verdict.outcome],
    failedPhase: failure.phase,
    explanation: verdict.explanation,
    nextStep: verdict.nextStep,
  };
}

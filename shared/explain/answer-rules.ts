// How the parser recognises a mail server's or Microsoft Graph's own answer in pasted text: a short trigger (a status
// code or an error name) and, where one trigger covers several answers, words on the same line that tell them apart.
// The explanations are in mail-answers.ts; this file stays small because the renderer's token pages load the parser.
// Every pattern is a literal or a bounded class, so a scan is linear in the text.

/** The answers this app explains, as the card's code shows them. */
export const ANSWER_IDS = [
  'SMTP 5.7.139 tenant',
  'SMTP 5.7.139 mailbox',
  'SMTP 5.7.139 security defaults',
  'SMTP 5.7.139',
  'SMTP 5.7.3',
  'SMTP 5.7.60 SendAsDenied',
  'SMTP 5.7.57',
  'SMTP 5.7.30',
  'IMAP AUTHENTICATE failed',
  'POP authentication failed',
  'IMAP authenticated but not connected',
  'Graph application access policy',
  'Graph OData disabled',
  'Graph ErrorAccessDenied',
  'Graph MailboxNotEnabledForRESTAPI',
  'Graph ErrorItemNotFound',
  'Graph InvalidAuthenticationToken',
  'EWS retirement',
] as const;
export type AnswerId = (typeof ANSWER_IDS)[number];

export interface AnswerRule {
  /** Finds candidates; global flag, no nested or adjacent unbounded quantifiers. */
  readonly trigger: RegExp;
  /** The answer a candidate stands for, read from its line (at most a few hundred characters); undefined = none. */
  readonly classify: (line: string) => AnswerId | undefined;
}

export const ANSWER_RULES: readonly AnswerRule[] = [
  {
    trigger: /\b5\.7\.139\b/g,
    classify: (l) =>
      /disabled for the tenant/i.test(l)
        ? 'SMTP 5.7.139 tenant'
        : /disabled for the mailbox/i.test(l)
          ? 'SMTP 5.7.139 mailbox'
          : /security defaults/i.test(l)
            ? 'SMTP 5.7.139 security defaults'
            : 'SMTP 5.7.139',
  },
  // "5.7.3" alone is too common a version number: require the SMTP reply code or Exchange's wording.
  {
    trigger: /\b5\.7\.3\b/g,
    classify: (l) => (/\b535\b|authentication unsuccessful/i.test(l) ? 'SMTP 5.7.3' : undefined),
  },
  { trigger: /\b5\.7\.60\b|SendAsDenied/g, classify: () => 'SMTP 5.7.60 SendAsDenied' },
  { trigger: /\b5\.7\.57\b/g, classify: () => 'SMTP 5.7.57' },
  {
    trigger: /\b5\.7\.30\b/g,
    classify: (l) => (/basic auth|\b550\b|client submission/i.test(l) ? 'SMTP 5.7.30' : undefined),
  },
  { trigger: /AUTHENTICATE failed/gi, classify: () => 'IMAP AUTHENTICATE failed' },
  { trigger: /-ERR Authentication failure/gi, classify: () => 'POP authentication failed' },
  { trigger: /authenticated but not connected/gi, classify: () => 'IMAP authenticated but not connected' },
  {
    trigger: /Access to OData is disabled/gi,
    classify: (l) => (/AppOnly AccessPolicy/i.test(l) ? 'Graph application access policy' : 'Graph OData disabled'),
  },
  // The OData wording gets its own card above; a bare ErrorAccessDenied is the permission case.
  {
    trigger: /\bErrorAccessDenied\b/g,
    classify: (l) => (/Access to OData is disabled/i.test(l) ? undefined : 'Graph ErrorAccessDenied'),
  },
  {
    trigger: /MailboxNotEnabledForRESTAPI|REST API is not yet supported for this mailbox/gi,
    classify: () => 'Graph MailboxNotEnabledForRESTAPI',
  },
  { trigger: /\bErrorItemNotFound\b/g, classify: () => 'Graph ErrorItemNotFound' },
  { trigger: /\bInvalidAuthenticationToken\b/g, classify: () => 'Graph InvalidAuthenticationToken' },
  {
    trigger: /Exchange\.asmx|EWS\.AccessAsUser\.All|Exchange Web Services|\bEWS\b/gi,
    classify: () => 'EWS retirement',
  },
];

// What Exchange Online's SMTP, IMAP and POP servers and Microsoft Graph answer when a mailbox login or a mail call
// fails, explained like an AADSTS code: meaning, likely cause, next step (in the product's words via product-words.ts)
// and the Microsoft documentation the explanation rests on. answer-rules.ts recognises them in pasted text. Wording is
// our own; the dates of the two retirements (Basic authentication for SMTP AUTH off by default at the end of
// December 2026; Exchange Web Services blocked from October 2026 and removed in April 2027) are Microsoft's.
import type { FieldKey } from '../diagnose/types';
import type { PresetId } from '../presets';
import type { AnswerId } from './answer-rules';

export interface DocLink {
  readonly title: string;
  readonly url: string;
}

export interface MailAnswer {
  readonly id: AnswerId;
  readonly protocol: 'smtp' | 'imap' | 'pop' | 'graph' | 'ews';
  readonly answeredBy: 'Exchange Online' | 'Microsoft Graph';
  /** Short title after the code. */
  readonly name: string;
  readonly meaning: string;
  readonly cause: string;
  readonly fix: string;
  /** The Diagnose field to look at first. */
  readonly field?: FieldKey;
  /** The product setting to correct, when the fix is in the product (else the product only tests again). */
  readonly productField?: FieldKey;
  readonly note?: string;
  readonly presetFix?: Partial<Record<PresetId, string>>;
  readonly docs: readonly DocLink[];
}

const SMTP_AUTH: DocLink = {
  title: 'Enable or disable authenticated client SMTP submission (SMTP AUTH) in Exchange Online',
  url: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
};
const OAUTH_IMAP_POP_SMTP: DocLink = {
  title: 'Authenticate an IMAP, POP or SMTP connection using OAuth',
  url: 'https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth',
};
const BASIC_SMTP_RETIREMENT: DocLink = {
  title:
    'Exchange Online to retire Basic auth for Client Submission (SMTP AUTH) (Exchange Team Blog, with its updates)',
  url: 'https://techcommunity.microsoft.com/blog/exchange/exchange-online-to-retire-basic-auth-for-client-submission-smtp-auth/4114750',
};
const DEVICE_OR_APP_SMTP: DocLink = {
  title: 'How to set up a multifunction device or application to send email using Microsoft 365 or Office 365',
  url: 'https://learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365',
};
const RECIPIENT_PERMISSIONS: DocLink = {
  title: 'Manage permissions for recipients in Exchange Online',
  url: 'https://learn.microsoft.com/exchange/recipients-in-exchange-online/manage-permissions-for-recipients',
};
const SECURITY_DEFAULTS: DocLink = {
  title: 'Security defaults in Microsoft Entra ID',
  url: 'https://learn.microsoft.com/entra/fundamentals/security-defaults',
};
const POP_IMAP_ACCESS: DocLink = {
  title: 'Enable or disable POP3 or IMAP4 access for a user in Exchange Online',
  url: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/pop3-and-imap4/enable-or-disable-pop3-or-imap4-access',
};
const GRAPH_ERRORS: DocLink = {
  title: 'Microsoft Graph error responses and resource types',
  url: 'https://learn.microsoft.com/graph/errors',
};
const GRAPH_AUTH_ERRORS: DocLink = {
  title: 'Resolve Microsoft Graph authorization errors',
  url: 'https://learn.microsoft.com/graph/resolve-auth-errors',
};
const APP_ACCESS_POLICY: DocLink = {
  title: 'Limiting application permissions to specific Exchange Online mailboxes (handling API errors)',
  url: 'https://learn.microsoft.com/graph/auth-limit-mailbox-access',
};
const RBAC_FOR_APPS: DocLink = {
  title: 'Role Based Access Control for Applications in Exchange Online',
  url: 'https://learn.microsoft.com/exchange/permissions-exo/application-rbac',
};
const GRAPH_MAIL_API: DocLink = {
  title: 'Use the Outlook mail REST API (Microsoft Graph mail overview)',
  url: 'https://learn.microsoft.com/graph/api/resources/mail-api-overview',
};
const EWS_DEPRECATION: DocLink = {
  title: 'Deprecation of Exchange Web Services in Exchange Online',
  url: 'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-ews-exchange-online',
};
const EWS_TO_GRAPH: DocLink = {
  title: 'Migrate Exchange Web Services (EWS) apps to Microsoft Graph',
  url: 'https://learn.microsoft.com/graph/migrate-exchange-web-services-overview',
};

/** Exchange Online's SMTP AUTH endpoint, as the cards name it. */
const SMTP_HOST = 'smtp.office365.com port 587 with STARTTLS';

export const MAIL_ANSWERS: readonly MailAnswer[] = [
  {
    id: 'SMTP 5.7.139 tenant',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'SMTP AUTH is turned off for the organisation',
    meaning:
      'Exchange Online refused the SMTP login: authenticated SMTP (SMTP AUTH) is turned off for the whole tenant.',
    cause:
      'Tenants created since 2020 start with SMTP AUTH off, and admins can turn it off tenant-wide. An OAuth (XOAUTH2) login needs SMTP AUTH on just as a password login does.',
    fix: 'Either turn it on for the organisation (Exchange admin center > Settings > Mail flow: clear "Turn off SMTP AUTH protocol for your organization"), or keep it off there and turn it on for this mailbox only: Microsoft 365 admin center > Users > Active users > the mailbox > Mail > Manage email apps > Authenticated SMTP, or Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false (the mailbox setting wins over the organisation’s). Allow up to an hour.',
    field: 'mailbox',
    docs: [SMTP_AUTH, OAUTH_IMAP_POP_SMTP],
  },
  {
    id: 'SMTP 5.7.139 mailbox',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'SMTP AUTH is turned off for the mailbox',
    meaning: 'Exchange Online refused the SMTP login: authenticated SMTP is turned off for this mailbox.',
    cause:
      'The mailbox has Authenticated SMTP off (SmtpClientAuthenticationDisabled is True), or it follows an organisation setting that turns SMTP AUTH off.',
    fix: 'Turn Authenticated SMTP on for the mailbox: Microsoft 365 admin center > Users > Active users > the mailbox > Mail > Manage email apps, or Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false. Allow up to an hour before testing again.',
    field: 'mailbox',
    docs: [SMTP_AUTH, OAUTH_IMAP_POP_SMTP],
  },
  {
    id: 'SMTP 5.7.139 security defaults',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'SMTP login blocked by security defaults',
    meaning: 'Exchange Online refused the SMTP login because the tenant’s security defaults block it.',
    cause:
      'Security defaults block legacy authentication: a user name and password over SMTP AUTH is refused. OAuth (XOAUTH2) with an access token is not legacy authentication.',
    fix: 'Configure the product’s SMTP account for OAuth 2.0 (XOAUTH2) with the SMTP.Send scope and authorize the mailbox; whether to turn security defaults off is the tenant admin’s decision.',
    field: 'scopes',
    productField: 'scopes',
    docs: [SECURITY_DEFAULTS, OAUTH_IMAP_POP_SMTP],
  },
  {
    id: 'SMTP 5.7.139',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'SMTP login refused',
    meaning: 'Exchange Online refused the SMTP login; the rest of the server’s line says why.',
    cause:
      'SMTP AUTH turned off for the organisation or the mailbox, security defaults or Conditional Access blocking a password login, or a password login where MFA is required.',
    fix: `Check Authenticated SMTP for the mailbox (Get-CASMailbox <mailbox> | fl SmtpClientAuthenticationDisabled) and use OAuth (XOAUTH2) with an access token instead of the password, against ${SMTP_HOST}.`,
    field: 'mailbox',
    docs: [SMTP_AUTH, OAUTH_IMAP_POP_SMTP],
  },
  {
    id: 'SMTP 5.7.3',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'Authentication unsuccessful',
    meaning: 'Exchange Online did not accept the SMTP login (535 5.7.3).',
    cause:
      'With OAuth: the access token belongs to another account than the one in XOAUTH2 user= (Microsoft silently reused the admin’s session), it lacks SMTP.Send (a token without that scope, or a Microsoft Graph token), user= names a shared mailbox the signed-in account may not send as, or the token has expired. With a password: a wrong password, or Basic authentication is blocked.',
    fix: 'Inspect the access token (Inspect token page or the inspect command): upn must be the mailbox (or, for a shared mailbox, the delegate), aud https://outlook.office.com and scp must include SMTP.Send. For a shared mailbox give the delegate Send As (and Full Access). Then authorize the mailbox again as the right account.',
    field: 'signInAccount',
    productField: 'signInAccount',
    docs: [OAUTH_IMAP_POP_SMTP, RECIPIENT_PERMISSIONS],
  },
  {
    id: 'SMTP 5.7.60 SendAsDenied',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'Not allowed to send as this sender',
    meaning: 'The login worked, but the signed-in account may not send with this From address (5.7.60, SendAsDenied).',
    cause:
      'The product sends as another mailbox than the one that signed in (typically a shared mailbox, or a From address configured in the product) and that account has no Send As permission for it.',
    fix: 'Give the signed-in account Send As on the From mailbox (Exchange admin center > Recipients > Mailboxes > that mailbox > Delegation > Send as), or make the product send from the mailbox it signs in as. Permissions can take an hour to apply.',
    field: 'mailbox',
    productField: 'mailbox',
    docs: [RECIPIENT_PERMISSIONS, DEVICE_OR_APP_SMTP],
  },
  {
    id: 'SMTP 5.7.57',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'Client not authenticated to send mail',
    meaning: 'The server was asked to send mail before any successful login (5.7.57).',
    cause:
      'The product skipped AUTH (no credentials set, or STARTTLS not used so AUTH was never offered), or its login failed and it carried on with MAIL FROM.',
    fix: `Use ${SMTP_HOST} and OAuth (XOAUTH2) in the product; look in the product’s log for the server’s answer to AUTH, just before this one.`,
    field: 'scopes',
    productField: 'scopes',
    docs: [DEVICE_OR_APP_SMTP, OAUTH_IMAP_POP_SMTP],
  },
  {
    id: 'SMTP 5.7.30',
    protocol: 'smtp',
    answeredBy: 'Exchange Online',
    name: 'Basic authentication not supported for client submission',
    meaning: 'Exchange Online does not accept a user name and password for SMTP client submission (550 5.7.30).',
    cause:
      'The product logs in to SMTP with a password. Exchange Online turns Basic authentication for SMTP AUTH off by default at the end of December 2026 and is removing it; OAuth keeps working.',
    fix: 'Switch the product’s SMTP account to OAuth 2.0 (XOAUTH2) with the SMTP.Send scope, and authorize the mailbox.',
    field: 'scopes',
    productField: 'scopes',
    docs: [BASIC_SMTP_RETIREMENT, OAUTH_IMAP_POP_SMTP],
  },
  {
    id: 'IMAP AUTHENTICATE failed',
    protocol: 'imap',
    answeredBy: 'Exchange Online',
    name: 'XOAUTH2 login rejected',
    meaning:
      'Exchange Online rejected the IMAP XOAUTH2 login: the access token, or the user it names, was not accepted.',
    cause:
      'The token belongs to another account than user= (Microsoft silently reused the admin’s session), lacks IMAP.AccessAsUser.All, was issued for Microsoft Graph instead of Outlook (aud), or has expired; IMAP is turned off for the mailbox; or, with app-only access, the app’s service principal is not registered in Exchange (New-ServicePrincipal) or has no Full Access to the mailbox.',
    fix: 'Inspect the token: upn must be the mailbox (or the delegate), aud https://outlook.office.com, scp with IMAP.AccessAsUser.All (app-only: roles with IMAP.AccessAsApp). Check IMAP is on for the mailbox (Microsoft 365 admin center > Users > the mailbox > Mail > Manage email apps). Then authorize the mailbox again as that account.',
    field: 'signInAccount',
    productField: 'signInAccount',
    docs: [OAUTH_IMAP_POP_SMTP, POP_IMAP_ACCESS],
  },
  {
    id: 'POP authentication failed',
    protocol: 'pop',
    answeredBy: 'Exchange Online',
    name: 'XOAUTH2 login rejected',
    meaning:
      'Exchange Online rejected the POP XOAUTH2 login: the access token, or the user it names, was not accepted.',
    cause:
      'As for IMAP: a token of another account than user=, no POP.AccessAsUser.All, a Graph token, an expired token, POP turned off for the mailbox, or (app-only) a service principal without Full Access.',
    fix: 'Inspect the token: upn = the mailbox (or the delegate), aud https://outlook.office.com, scp with POP.AccessAsUser.All. Check POP is on for the mailbox (Manage email apps). Then authorize again.',
    field: 'signInAccount',
    productField: 'signInAccount',
    docs: [OAUTH_IMAP_POP_SMTP, POP_IMAP_ACCESS],
  },
  {
    id: 'IMAP authenticated but not connected',
    protocol: 'imap',
    answeredBy: 'Exchange Online',
    name: 'User is authenticated but not connected',
    meaning: 'The token was accepted, but the mailbox named in user= could not be opened with it.',
    cause:
      'user= names a mailbox the signed-in account has no Full Access to (a shared mailbox without delegation, a mistyped address), or, app-only, the service principal has no Full Access (Add-MailboxPermission); IMAP turned off for the target mailbox gives the same answer.',
    fix: 'Give the signed-in account (or the app’s service principal) Full Access to the mailbox in user=, or correct the mailbox address in the product; check IMAP is on for that mailbox.',
    field: 'mailbox',
    productField: 'mailbox',
    docs: [OAUTH_IMAP_POP_SMTP, RECIPIENT_PERMISSIONS],
  },
  {
    id: 'Graph application access policy',
    protocol: 'graph',
    answeredBy: 'Microsoft Graph',
    name: 'ErrorAccessDenied: blocked by an application access policy',
    meaning: 'An Exchange application access policy keeps this app away from the mailbox (403 ErrorAccessDenied).',
    cause:
      'Exchange admins limited which mailboxes the app may open with application permissions, and this mailbox is outside that scope.',
    fix: 'Add the mailbox to the mail-enabled security group the policy names (Test-ApplicationAccessPolicy shows the result), or move to RBAC for Applications with a management scope that includes the mailbox; Microsoft replaces application access policies with RBAC for Applications.',
    field: 'mailbox',
    docs: [APP_ACCESS_POLICY, RBAC_FOR_APPS],
  },
  {
    id: 'Graph OData disabled',
    protocol: 'graph',
    answeredBy: 'Microsoft Graph',
    name: 'ErrorAccessDenied: access to OData is disabled',
    meaning: 'Exchange Online refused REST (OData) access to the mailbox for this app.',
    cause:
      'The mailbox’s or organisation’s EWS and REST access settings exclude the app (EwsEnabled off, an EWS application access policy with an allow or block list), or an application access policy blocks it.',
    fix: 'Ask the Exchange admin to check Get-CASMailbox <mailbox> | fl Ews* and Get-OrganizationConfig | fl Ews*, and any application access policy; allow the app or the mailbox.',
    field: 'mailbox',
    docs: [APP_ACCESS_POLICY, GRAPH_ERRORS],
  },
  {
    id: 'Graph ErrorAccessDenied',
    protocol: 'graph',
    answeredBy: 'Microsoft Graph',
    name: 'ErrorAccessDenied',
    meaning: 'Microsoft Graph refused access to the mailbox (401 or 403 ErrorAccessDenied, "Access is denied").',
    cause:
      'The token carries no mail permission (delegated Mail.Read or Mail.ReadWrite, or the application role without admin consent); a delegated token of one user reads another mailbox without Full Access (a shared mailbox also needs Mail.ReadWrite.Shared); or application permissions are limited by RBAC for Applications.',
    fix: 'Inspect the token: scp (delegated) or roles (app-only) must hold the mail permission; grant admin consent; for a shared mailbox add Mail.ReadWrite.Shared and Full Access; with RBAC for Applications, assign the Application Mail.ReadWrite role with a scope that includes the mailbox.',
    field: 'scopes',
    productField: 'scopes',
    docs: [GRAPH_AUTH_ERRORS, RBAC_FOR_APPS, GRAPH_ERRORS],
  },
  {
    id: 'Graph MailboxNotEnabledForRESTAPI',
    protocol: 'graph',
    answeredBy: 'Microsoft Graph',
    name: 'MailboxNotEnabledForRESTAPI',
    meaning: 'Microsoft Graph cannot reach this mailbox: it is not an active Exchange Online mailbox.',
    cause:
      'The mailbox is on premises (hybrid), inactive or soft-deleted, its user has no Exchange Online licence, or the account is a guest without a mailbox here.',
    fix: 'Make sure the mailbox is in Exchange Online and its user licensed (Microsoft 365 admin center > Users > Licenses and apps); an on-premises mailbox needs IMAP/SMTP on its own servers instead of Graph.',
    field: 'mailbox',
    docs: [GRAPH_MAIL_API, GRAPH_ERRORS],
  },
  {
    id: 'Graph ErrorItemNotFound',
    protocol: 'graph',
    answeredBy: 'Microsoft Graph',
    name: 'ErrorItemNotFound',
    meaning: 'The mailbox, folder or message asked for was not found for this caller.',
    cause:
      'A wrong mailbox address or folder or message id in the request, an item moved or deleted meanwhile, or a mailbox the token’s account cannot see.',
    fix: 'Check the mailbox address the product uses (Graph /users/<address>) and its folder settings; the Test mailbox step of this app reads the inbox the same way.',
    field: 'mailbox',
    productField: 'mailbox',
    docs: [GRAPH_ERRORS],
  },
  {
    id: 'Graph InvalidAuthenticationToken',
    protocol: 'graph',
    answeredBy: 'Microsoft Graph',
    name: 'InvalidAuthenticationToken',
    meaning: 'Microsoft Graph did not accept the access token (401).',
    cause:
      'The token is for another resource (an Outlook token sent to Graph), has expired, or is malformed or cut off.',
    fix: 'Inspect the token: aud must be https://graph.microsoft.com (or 00000003-0000-0000-c000-000000000000) and it must not be expired; get a new one with Graph scopes.',
    field: 'scopes',
    productField: 'scopes',
    docs: [GRAPH_AUTH_ERRORS, GRAPH_ERRORS],
  },
  {
    id: 'EWS retirement',
    protocol: 'ews',
    answeredBy: 'Exchange Online',
    name: 'Exchange Web Services is being turned off',
    meaning: 'The text involves Exchange Web Services (EWS), which Microsoft is turning off in Exchange Online.',
    cause:
      'Exchange Online blocks EWS from October 2026 (tenant by tenant, unless an admin keeps it on with an allow list) and removes it in April 2027. EWS failures that start then are the shutdown, not a configuration fault.',
    fix: 'Move the product to Microsoft Graph (Mail.ReadWrite to read, Mail.Send to send) with its own OAuth configuration and authorize the mailbox for it.',
    field: 'protocols',
    presetFix: {
      'email-this-issue':
        'In Email This Issue, move the senders that use "Exchange Web Services (send)" to the Microsoft Graph options, and ask the vendor which version sends through Graph without EWS: its OAuth guide asks for the EWS permission even for Graph sending.',
    },
    docs: [EWS_DEPRECATION, EWS_TO_GRAPH],
  },
];

const BY_ID: ReadonlyMap<AnswerId, MailAnswer> = new Map(MAIL_ANSWERS.map((a) => [a.id, a]));

/** The explanation of a recognised answer; every AnswerId has one (the answer test checks it). */
export const mailAnswer = (id: AnswerId): MailAnswer | undefined => BY_ID.get(id);

// The kinds of AADSTS codes, and for the kinds a mail product rarely causes, who fixes them: the cause and next step
// a card shows for a code the catalog explains only by its meaning (reference-codes.ts). Pure data, no zod.

export type AadstsCategory =
  // Kinds a mail integration meets; catalog.ts explains their codes one by one.
  | 'sign-in'
  | 'consent'
  | 'client-credential'
  | 'redirect'
  | 'token'
  | 'scope'
  | 'conditional-access'
  | 'device'
  | 'mfa'
  | 'tenant'
  | 'endpoint'
  | 'service'
  // Kinds that belong to other parts of Entra ID (federation, SAML apps, password change, Windows sign-in…).
  | 'federation'
  | 'saml'
  | 'password-change'
  | 'pass-through'
  | 'seamless-sso'
  | 'claims'
  | 'request'
  | 'sign-out'
  | 'device-flow'
  | 'personal-account'
  | 'cross-tenant'
  | 'app-config';

export interface CategoryAdvice {
  /** Why such a code shows up, and whether the mail product's settings can be the reason. */
  readonly cause: string;
  /** Who acts and where. */
  readonly fix: string;
}

const ADVICE: Readonly<Record<AadstsCategory, CategoryAdvice>> = {
  'sign-in': {
    cause: 'Something about the account that signed in: its state, its password or the tenant it belongs to.',
    fix: 'Open the failed sign-in in Entra ID > Monitoring & health > Sign-in logs, fix what its Failure reason names, then sign in again as the mailbox account.',
  },
  consent: {
    cause: 'Permissions or consent on the app registration do not cover what was asked for.',
    fix: 'Check API permissions on the app registration and grant admin consent, then authorize again.',
  },
  'client-credential': {
    cause: "The app's own credential (secret or certificate) or identity was not accepted.",
    fix: 'Check the client ID and create a new client secret (use its Value), then update the product.',
  },
  redirect: {
    cause: 'The redirect URI the product sends and the ones registered on the app do not fit together.',
    fix: 'Register the exact redirect URI the product shows under Authentication > Web.',
  },
  token: {
    cause: 'A code, token or assertion sent to Entra was invalid, expired or of the wrong kind.',
    fix: 'Authorize the mailbox again to get fresh tokens.',
  },
  scope: {
    cause: 'The scopes the product requests do not fit the app registration or the cloud.',
    fix: 'Use the scope strings of the chosen protocol, separated by spaces, and declare them under API permissions.',
  },
  'conditional-access': {
    cause: 'A Conditional Access or security policy of the tenant decided against this sign-in.',
    fix: 'Open the failed sign-in in the Entra sign-in logs (Conditional Access tab) to see which policy applied; exclude the service mailbox or app, or meet the condition.',
  },
  device: {
    cause:
      'A device check was part of the sign-in (registration, compliance, Windows Hello, a device key), and it failed; the browser used for the authorization has no device identity of its own.',
    fix: "Authorize from a managed device's regular browser, or ask the admin to exclude the mailbox account or the app from the device requirement.",
  },
  mfa: {
    cause: 'A multifactor authentication step was required and was not completed.',
    fix: 'Complete the MFA prompt as the mailbox account during the authorization, or register an MFA method for it first.',
  },
  tenant: {
    cause: 'The tenant in the endpoints, or the cloud it lives in, is not the one the request needs.',
    fix: "Use the Directory (tenant) ID from the app's Overview page and the login host of the tenant's cloud.",
  },
  endpoint: {
    cause: 'The authorization or token URL does not fit the app registration (common vs tenant endpoint, v1 vs v2).',
    fix: "Copy the v2 endpoints from the app's Overview > Endpoints into the product.",
  },
  service: {
    cause: 'A passing problem inside Microsoft’s sign-in service, not a configuration error.',
    fix: 'Wait a few minutes and try again; if it lasts, open a Microsoft support case with the correlation ID and timestamp.',
  },
  federation: {
    cause:
      "The organisation's own identity provider (AD FS or another federated or external provider) failed or answered in a way Entra could not use. The mail product's settings are not involved.",
    fix: 'Ask whoever runs the federated sign-in to check its logs for this time and correlation ID; then authorize again.',
  },
  saml: {
    cause:
      'A SAML single sign-on setting of an enterprise application. Mail OAuth does not use SAML, so this text probably comes from another app.',
    fix: 'Check the Single sign-on page of the enterprise application that failed, or paste the error of the mail authorization itself.',
  },
  'password-change': {
    cause:
      "A password change or self-service password reset failed: the account's password, not the product's OAuth settings.",
    fix: 'Have the account holder or an admin finish the password change (on premises where passwords are synchronised from Active Directory), then authorize again.',
  },
  'pass-through': {
    cause:
      'Pass-through Authentication: the agent on premises that checks passwords against Active Directory could not do it.',
    fix: 'Ask the identity team to check the Pass-through Authentication agents and their connection to Active Directory; retry afterwards.',
  },
  'seamless-sso': {
    cause:
      'Seamless single sign-on (Kerberos from a domain-joined computer) failed. Entra then shows the password page, so it rarely stops an authorization.',
    fix: 'Enter the mailbox account and its password at the prompt; Seamless SSO itself is for the identity team.',
  },
  claims: {
    cause: 'A claims-mapping or claims-transformation setting on an enterprise application could not be applied.',
    fix: 'Ask the admin of that application to check Single sign-on > Attributes & Claims (or its claims-mapping policy).',
  },
  request: {
    cause:
      'The request was malformed or used an option this endpoint does not support: usually a product or library bug, or a hand-edited URL.',
    fix: 'Compare the product’s OAuth fields with Overview > Endpoints and the scopes of its preset; if they are right, report it to the product vendor with the correlation ID.',
  },
  'sign-out': {
    cause: 'A sign-out request failed. Signing out does not affect tokens a mail product already holds.',
    fix: 'Nothing to change for the mail integration; close the browser window and start again if needed.',
  },
  'device-flow': {
    cause: 'The device code flow (a code typed at microsoft.com/devicelogin) did not complete.',
    fix: 'Start the device code sign-in again and enter the new code promptly, as the mailbox account.',
  },
  'personal-account': {
    cause:
      'A personal Microsoft account (Outlook.com, Hotmail) took part in the sign-in. OAuth for IMAP, POP and SMTP with a work mailbox needs a work or school account.',
    fix: 'Sign in with the work mailbox account of the tenant that owns the app registration.',
  },
  'cross-tenant': {
    cause: 'Cross-tenant or guest access rules decided against this sign-in.',
    fix: 'Sign in with a member account of the mailbox’s tenant; a guest or an account of another tenant cannot authorize that mailbox.',
  },
  'app-config': {
    cause: 'A setting of an app registration or its enterprise application (signing keys, platforms, certificates).',
    fix: 'Check the app registration named in the error: Authentication, Certificates & secrets and the enterprise application’s properties.',
  },
};

export const categoryAdvice = (category: AadstsCategory): CategoryAdvice => ADVICE[category];

// Owns how the emulator fails: the AADSTS catalog (wording modelled on Entra's own messages) and the two
// shapes Entra uses to deliver an error — a JSON body from the token/discovery endpoints, and `error` +
// `error_description` parameters on the redirect back to the app (or an error page when the redirect URI
// itself cannot be trusted).
import { randomUUID } from 'node:crypto';

export interface AadstsError {
  /** OAuth error string (`invalid_grant`, `invalid_client`, ...) */
  error: string;
  code: number;
  message: string;
  status: number;
}

const e = (error: string, code: number, status: number, message: string): AadstsError => ({
  error,
  code,
  status,
  message,
});

/** Each builder takes only what the real message interpolates. */
export const aadsts = {
  redirectMismatch: (uri: string, clientId: string) =>
    e(
      'invalid_request',
      50011,
      400,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  unknownClient: (clientId: string, tenantName: string) =>
    e(
      'unauthorized_client',
      700016,
      400,
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  unknownTenant: (tenant: string, error = 'invalid_request') =>
    e(
      error,
      90002,
      400,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    e(
      'invalid_client',
      7000215,
      401,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  expiredSecret: (clientId: string) =>
    e(
      'invalid_client',
      7000222,
      401,
      `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  // Certificate credentials (client_assertion), "Microsoft identity platform application authentication certificate
  // credentials". 700027 and 700024 carry Entra's wording as tenants report it; 700021 and 50027 are the codes
  // Entra uses for an assertion naming another app and for one it cannot read.
  certificateNotRegistered: (thumbprint: string, clientId: string) =>
    e(
      'invalid_client',
      700027,
      401,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
    ),
  assertionSignature: () => e('invalid_client', 700027, 401, 'Client assertion failed signature validation.'),
  assertionTime: () => e('invalid_client', 700024, 401, 'Client assertion is not within its valid time range.'),
  assertionOtherApp: () =>
    e('invalid_client', 700021, 401, "Client assertion application identifier doesn't match 'client_id' parameter."),
  assertionMalformed: (why: string) => e('invalid_client', 50027, 401, `JWT token is invalid or malformed. ${why}`),
  missingSecret: () =>
    e(
      'invalid_client',
      7000218,
      401,
      `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.`,
    ),
  noConsent: (clientId: string, appName: string, error = 'invalid_grant') =>
    e(
      error,
      65001,
      400,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
    ),
  invalidScope: (scope: string) =>
    e(
      'invalid_scope',
      70011,
      400,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  twoResources: (scope: string) =>
    e(
      'invalid_scope',
      28000,
      400,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  codeReused: () =>
    e(
      'invalid_grant',
      54005,
      400,
      `OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.`,
    ),
  codeExpired: () =>
    e(
      'invalid_grant',
      70008,
      400,
      `The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.`,
    ),
  wrongPassword: () =>
    e('invalid_grant', 50126, 400, `Error validating credentials due to invalid username or password.`),
  unknownUser: (upn: string, tenantName: string) =>
    e(
      'invalid_grant',
      50034,
      400,
      `The user account {EUII Hidden} does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory. (${upn})`,
    ),
  disabledUser: () =>
    e(
      'invalid_grant',
      50057,
      400,
      `The user account is disabled. The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell.`,
    ),
  foreignUser: (upn: string, homeTid: string, tenantName: string, clientId: string, appName: string) =>
    e(
      'invalid_grant',
      90072,
      400,
      `User account '${upn}' from identity provider 'https://sts.windows.net/${homeTid}/' does not exist in tenant '${tenantName}' and cannot access the application '${clientId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
    ),
  malformed: (error = 'invalid_request') => e(error, 9002313, 400, `Invalid request. Request is malformed or invalid.`),
  missingParameter: (name: string) =>
    e('invalid_request', 900144, 400, `The request body must contain the following parameter: '${name}'.`),
  pkceMismatch: () =>
    e(
      'invalid_grant',
      501481,
      400,
      `The Code_Verifier does not match the code_challenge supplied in the authorization request.`,
    ),
  unsupportedGrant: (grant: string) =>
    e('unsupported_grant_type', 70003, 400, `The app requested an unsupported grant type '${grant}'.`),
  loginRequired: () =>
    e(
      'login_required',
      50058,
      400,
      `A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Azure AD endpoint (login.microsoftonline.com).`,
    ),
  // prompt=none with a session, but for none of its accounts the login_hint names. The wording is the one Entra
  // returns (quoted in AzureAD/microsoft-authentication-library-for-js#1720); the error string is login_required as
  // the code flow reference (entra-docs v2-oauth2-auth-code-flow.md) defines it: "a single user couldn't be found".
  loginHintNotSignedIn: () =>
    e(
      'login_required',
      50058,
      400,
      `A silent sign-in request was sent but none of the currently signed in user(s) match the requested login hint.`,
    ),
  // entra-docs msal-js-sso.md (commit 290f92ef): a silent request with several accounts in the session and no hint.
  // Also what a silent request gets where Entra would have to show a page (another tenant's or a disabled account):
  // the code flow reference's interaction_required, "Another authentication step or consent is required".
  multipleIdentities: () =>
    e(
      'interaction_required',
      16000,
      400,
      `Either multiple user identities are available for the current request or selected account is not supported for the scenario.`,
    ),
  // response_type=id_token for a registration without "ID tokens (used for implicit and hybrid flows)": the
  // implicit grant reference says the request fails unless that setting is on; the code flow reference calls
  // the error unsupported_response_type.
  idTokenNotEnabled: () =>
    e('unsupported_response_type', 700054, 400, `response_type 'id_token' is not enabled for the application.`),
  transient: () => e('temporarily_unavailable', 90033, 503, `A transient error has occurred. Please try again.`),
} as const;

export interface ErrorContext {
  traceId: string;
  correlationId: string;
  timestamp: string;
}

export function newErrorContext(now: Date, correlationId?: string): ErrorContext {
  // Entra's timestamp format: "2024-05-01 10:11:12Z"
  const timestamp = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return { traceId: randomUUID(), correlationId: correlationId ?? randomUUID(), timestamp };
}

export function describe(err: AadstsError, ctx: ErrorContext): string {
  return `AADSTS${err.code}: ${err.message}\r\nTrace ID: ${ctx.traceId}\r\nCorrelation ID: ${ctx.correlationId}\r\nTimestamp: ${ctx.timestamp}`;
}

/**
 * The token and discovery endpoints' JSON error: error, error_description ("AADSTSnnnn: …\r\nTrace ID: …\r\n
 * Correlation ID: …\r\nTimestamp: …"), error_codes, timestamp, trace_id, correlation_id (entra-docs
 * v2-oauth2-auth-code-flow.md, commit 0c1ac842, "Error response" of the token request), and error_uri, which Entra
 * adds pointing at its error lookup page.
 */
export function errorBody(err: AadstsError, ctx: ErrorContext, errorUriBase: string): Record<string, unknown> {
  return {
    error: err.error,
    error_description: describe(err, ctx),
    error_codes: [err.code],
    timestamp: ctx.timestamp,
    trace_id: ctx.traceId,
    correlation_id: ctx.correlationId,
    error_uri: `${errorUriBase}/error?code=${err.code}`,
  };
}

// The AADSTS catalog: what each Entra ID error code means, why it usually happens when a helpdesk product
// authorizes a mailbox, and what to do. Wording is our own; codes were checked against Microsoft's
// "Microsoft Entra authentication and authorization error codes" reference (entra-docs
// reference-error-codes.md) and the seeds (000's error table, 004's log line). 28000 is not in that reference
// but is what Entra returns today for scopes of two resources in one request.
import type { PresetId } from '../presets';

export type AadstsCategory = 'sign-in' | 'consent' | 'client-credential' | 'redirect' | 'token' | 'scope' | 'conditional-access' | 'device' | 'mfa' | 'tenant' | 'endpoint' | 'service';

export interface AadstsEntry {
  /** Number without the AADSTS prefix. */
  readonly code: number;
  /** Microsoft's internal name where it has one (helps searching), else a short title. */
  readonly name: string;
  readonly category: AadstsCategory;
  /** What the code means, in plain words. */
  readonly meaning: string;
  /** The likely cause when a mail integration sees it. */
  readonly cause: string;
  readonly fix: string;
  /** Product-specific wording of the fix. */
  readonly presetFix?: Partial<Record<PresetId, string>>;
  /** Which configuration field to look at first, when one applies. */
  readonly field?: 'tenant' | 'clientId' | 'clientSecret' | 'authorizeUrl' | 'tokenUrl' | 'redirectUri' | 'scopes' | 'signInAccount' | 'mailbox';
  /** Extra warning shown on the card. */
  readonly note?: string;
}

const EMBEDDED = 'An embedded or isolated browser (this app, a product\'s pop-up) cannot prove device compliance or domain join: it has no device identity. Run the authorization on a managed device\'s regular browser, or have the admin exclude the mailbox/app from the device policy.';

const e = (code: number, name: string, category: AadstsCategory, meaning: string, cause: string, fix: string, extra?: Partial<Pick<AadstsEntry, 'presetFix' | 'field' | 'note'>>): AadstsEntry => ({ code, name, category, meaning, cause, fix, ...extra });

export const AADSTS_CATALOG: readonly AadstsEntry[] = [
  // --- client credentials (secret, app identity) ----------------------------------------------------------------
  e(7000215, 'InvalidClientSecret', 'client-credential', 'The client secret sent with the request is not a valid secret of this app.', 'The Secret ID (a GUID) was pasted instead of the secret Value, the secret was deleted or replaced by a new one, or a character was lost or added while copying.', 'Create a new client secret, copy its Value (not the Secret ID) and paste it into the product\'s client secret field.', {
    field: 'clientSecret',
    presetFix: {
      servicenow: 'Open System OAuth > Application Registry > your provider and paste the new secret Value into Client Secret, then re-run "Authorize Email Account Access".',
      'motadata-serviceops': 'Paste the new secret Value into Client Secret under Admin > Support Channel > Emails > OAuth Configuration, save and Test Connection.',
      'jira-data-center': 'Edit the application link and paste the secret Value into Client secret; the Secret ID causes exactly this error in atlassian-jira.log.',
      'email-this-issue': 'Edit the OAuth2 Client Credentials entry and paste the secret Value into Client Secret.',
      servicely: 'Paste the Value into Client Secret on the System OAuth Provider record.',
    },
  }),
  e(7000222, 'InvalidClientSecretExpiredKeysProvided', 'client-credential', 'The client secret has expired.', 'Secrets last at most 24 months and Azure sends no reminder; the product kept using the old one.', 'Create a new client secret, update the product with its Value, test, then delete the expired one. Note the new expiry date.', { field: 'clientSecret' }),
  e(70002, 'InvalidClient', 'client-credential', 'Entra could not validate the client\'s credentials.', 'Wrong or missing secret, or the app is registered as a public client while the product sends a secret.', 'Re-enter the secret Value; check that "Allow public client flows" is off for a Web app.', { field: 'clientSecret' }),
  e(7000218, 'MissingClientCredential', 'client-credential', 'The token request carried neither a client secret nor a certificate assertion.', 'The product\'s client secret field is empty, or the product sends it in a way Entra did not see.', 'Fill in the client secret; if the product offers "send credentials as Basic header / in body", try the other option.', { field: 'clientSecret' }),
  e(700016, 'UnauthorizedClient_DoesNotMatchRequest', 'client-credential', 'No application with this client id exists in the tenant the request was sent to.', 'Client ID typo or trailing space, the app lives in another tenant (wrong tenant in the endpoint URLs), another cloud, or the app was deleted.', 'Compare the Application (client) ID character for character, and make sure the endpoint URLs name the tenant that holds the registration.', {
    field: 'clientId',
    presetFix: { 'motadata-serviceops': 'Check Client ID and Tenant ID in the ServiceOps OAuth Configuration against the app Overview; also check the Deleted applications tab.' },
  }),
  e(700011, 'UnauthorizedClientAppNotFoundInOrgIdTenant', 'client-credential', 'The client application was not found in the directory.', 'Same as 700016: wrong client id or wrong tenant.', 'Copy the Application (client) ID again and use the tenant that owns the app registration.', { field: 'clientId' }),
  e(70001, 'UnauthorizedClient', 'client-credential', 'The application is disabled.', 'The app or its enterprise application (service principal) was disabled for sign-in.', 'In Enterprise applications > the app > Properties, set "Enabled for users to sign-in" to Yes.', { field: 'clientId' }),
  e(7000112, 'UnauthorizedClientApplicationDisabled', 'client-credential', 'The application is disabled.', 'An admin disabled the app\'s service principal, or Microsoft disabled it.', 'Re-enable the enterprise application, or register a new app.', { field: 'clientId' }),
  e(700025, 'InvalidClientPublicClientWithCredential', 'client-credential', 'The app is a public client, so it must not send a secret.', 'The redirect URI is registered under "Mobile and desktop" or public client flows are enabled, while the product sends a secret.', 'Register the product\'s redirect URI under the Web platform and turn "Allow public client flows" off.', { field: 'redirectUri' }),
  e(700027, 'ClientAssertionSignatureInvalid', 'client-credential', 'The signed client assertion (certificate credential) failed validation.', 'The certificate uploaded to the app does not match the key the product signs with, or it expired.', 'Upload the product\'s current certificate to Certificates & secrets, or use a client secret instead.'),
  e(50012, 'AuthenticationFailed', 'client-credential', 'A client assertion or certificate could not be validated.', 'Certificate credential problems: wrong thumbprint, expired certificate, invalid signature.', 'Check the certificate uploaded to the app registration against the one the product uses.'),
  e(700005, 'InvalidGrantRedeemAgainstWrongTenant', 'endpoint', 'The authorization code was issued for another tenant than the token endpoint it was redeemed at.', 'The authorization URL and the token URL name different tenants (e.g. common vs a tenant id).', 'Use the same tenant in both URLs, copied from the same Overview > Endpoints page.', { field: 'tokenUrl' }),
  // --- consent and permissions -----------------------------------------------------------------------------------
  e(65001, 'DelegationDoesNotExist', 'consent', 'Nobody has consented to this app using the requested permissions.', 'Admin consent was not granted after permissions were added, or user consent is disabled in the tenant.', 'In API permissions, click "Grant admin consent for <organization>" and check every row shows Granted; then authorize again.', { field: 'scopes' }),
  e(65004, 'UserDeclinedConsent', 'consent', 'The user declined the consent prompt.', 'Someone clicked Cancel on the permissions page during authorization.', 'Authorize again and accept, or have an admin grant consent for the organization first.'),
  e(65005, 'MisconfiguredApplication', 'consent', 'The app requested access to a resource that is not in its list of required permissions.', 'A scope in the product (e.g. IMAP.AccessAsUser.All) was never added under API permissions.', 'Add every scope the product requests as a delegated permission on the app registration and grant admin consent.', { field: 'scopes' }),
  e(650052, 'ServiceNotSubscribed', 'consent', 'The app needs a service the organization has no subscription for.', 'The tenant has no Exchange Online licence / subscription (often a trial or an Entra-only tenant).', 'Assign an Exchange Online licence to the mailbox (and make sure the tenant has the subscription).', { field: 'mailbox' }),
  e(650054, 'ResourceRemoved', 'consent', 'The app asks for a resource that was removed or is not available.', 'The resource (API) in the scope is not present in this tenant.', 'Remove that permission from the app and the product\'s scopes, or use the correct resource host.', { field: 'scopes' }),
  e(650056, 'MisconfiguredApplication', 'consent', 'The app registration does not list permissions for the requested resource, or the admin has not consented.', 'Scopes requested by the product are missing from API permissions, or consent was never granted.', 'Add the permissions the product requests and grant admin consent.', { field: 'scopes' }),
  e(650057, 'InvalidResource', 'consent', 'The requested resource is not listed in the app\'s required permissions.', 'The product requests scopes of a resource (e.g. Office 365 Exchange Online) the app registration has no permission for.', 'Add the Exchange Online (or Graph) delegated permissions the product uses, then grant admin consent.', { field: 'scopes' }),
  e(90094, 'AdminConsentRequired', 'consent', 'An administrator must consent to this app.', 'User consent is restricted in the tenant, and the mailbox account is not an admin.', 'Have a Global or Application Administrator grant admin consent in API permissions, then authorize the mailbox again.'),
  e(90095, 'AdminConsentRequiredRequestAccess', 'consent', 'The admin consent workflow intercepted the sign-in: the user must request approval.', 'An admin consent workflow is active and the signing-in account may not consent.', 'Approve the request in Enterprise applications > Admin consent requests, or grant consent upfront.'),
  e(90008, 'TokenForItselfRequiresGraphPermission', 'consent', 'The app needs at least the basic sign-in permission.', 'User.Read (or openid/profile) was removed from the app and nothing else allows sign-in.', 'Add Microsoft Graph User.Read (delegated) and grant consent.', { field: 'scopes' }),
  // --- redirect URI ------------------------------------------------------------------------------------------------
  e(50011, 'InvalidReplyTo', 'redirect', 'The redirect URI in the request is not registered on the app.', 'A trailing slash, http vs https, different letter case in the path, a port, or the URI was never added under Authentication > Web.', 'Copy the redirect URI the product shows and add exactly that string under Authentication > Web > Redirect URIs.', {
    field: 'redirectUri',
    presetFix: {
      servicenow: 'Register https://<instance>.service-now.com/oauth_redirect.do exactly (as in the Application Registry "Redirect URL" field).',
      'motadata-serviceops': 'Register the Redirect URL shown in ServiceOps OAuth Configuration; if the page hangs after login, copy the failing request URL from the browser developer tools (F12 > Network).',
      'jira-data-center': 'Register the Redirect URL shown at the bottom of the Jira application link form.',
      'email-this-issue': 'Register the Callback URL from the OAuth2 Client Credentials dialog of this Jira instance.',
      servicely: 'Register the Redirect URI from the System OAuth Provider record (https://<instance>.servicely.ai/sso/oauth_callback).',
    },
  }),
  e(900971, 'NoReplyAddress', 'redirect', 'No redirect address was provided and none could be chosen.', 'The product sent no redirect_uri and the app has no (or several) registered.', 'Register the product\'s redirect URI under Authentication > Web, and make sure the product sends it.', { field: 'redirectUri' }),
  e(70004, 'InvalidRedirectUri', 'redirect', 'The redirect URI the app sent is not valid for it.', 'Redirect URI not in the registered list.', 'Register the exact redirect URI the product sends.', { field: 'redirectUri' }),
  e(90102, 'InvalidUriParameter', 'redirect', 'A URI parameter (usually redirect_uri) is not a valid absolute URI.', 'The product\'s redirect URL is empty or malformed.', 'Fix the redirect URL in the product: a full https URL.', { field: 'redirectUri' }),
  e(50194, 'NotMultiTenantApp', 'endpoint', 'The app is single-tenant, so it cannot use the /common endpoint.', 'The product uses login.microsoftonline.com/common/... but the app registration is "this organizational directory only".', 'Replace common with your tenant ID in the authorization and token URLs.', {
    field: 'authorizeUrl',
    presetFix: { 'jira-data-center': 'Jira defaults to the common endpoints: replace them with the tenant-specific v2 endpoints from Overview > Endpoints (Custom provider if needed).' },
  }),
  e(9001023, 'GrantTypeNotSupportedOverCommon', 'endpoint', 'This grant type is not supported on /common or /consumers.', 'Client credentials (app-only) were requested from the common endpoint.', 'Use the tenant-specific token URL.', { field: 'tokenUrl' }),
  e(90124, 'V1ResourceV2GlobalEndpointNotSupported', 'endpoint', 'This resource cannot be used on /common or /consumers.', 'Exchange or another v1 resource was requested through a common endpoint.', 'Use the tenant-specific (or organizations) endpoints.', { field: 'authorizeUrl' }),
  e(90130, 'NonConvergedAppV2GlobalEndpointNotSupported', 'endpoint', 'This application cannot use /common or /consumers.', 'The app registration does not support those audiences.', 'Use the tenant-specific endpoints.', { field: 'authorizeUrl' }),
  e(90056, 'BadResourceRequest', 'endpoint', 'The request went to the wrong endpoint or with the wrong method.', 'The authorization and token URLs are swapped or the token URL is called with GET.', 'Put /authorize in the authorization URL field and /token in the token URL field.', { field: 'tokenUrl' }),
  e(900561, 'BadResourceRequestInvalidRequest', 'endpoint', 'The endpoint received an HTTP method it does not accept.', 'A token endpoint was opened in a browser (GET), or the back button replayed a request.', 'Usually harmless; if persistent, check the token URL is only used for POST by the product.', { field: 'tokenUrl' }),
  // --- scopes and tokens ---------------------------------------------------------------------------------------------
  e(70011, 'InvalidScope', 'scope', 'The scope value in the request is not valid.', 'Scopes separated by commas or line breaks, a typo in a permission name, a scope the app does not declare, or a v1 endpoint receiving v2 scopes.', 'Use the exact space-separated scope strings for your protocol, and declare each permission on the app registration.', {
    field: 'scopes',
    presetFix: {
      servicenow: 'Check each OAuth Entity Scope row: one full URI per row, e.g. https://outlook.office.com/IMAP.AccessAsUser.All, plus offline_access.',
      'motadata-serviceops': 'Fix the Scope field: one line, full URIs separated by single spaces, ending with offline_access.',
    },
  }),
  e(28000, 'InvalidMultipleResourcesScope', 'scope', 'The scopes name more than one resource, but one access token is for one resource.', 'Graph and Exchange (outlook.office.com) scopes were requested together.', 'Keep only one resource\'s scopes per configuration (Graph or IMAP/SMTP), plus offline_access.', { field: 'scopes' }),
  e(700022, 'InvalidMultipleResourcesScope', 'scope', 'The scope parameter contains more than one resource.', 'Graph and Exchange scopes mixed in one request.', 'Request one resource\'s scopes per token; configure Graph and IMAP/SMTP separately.', { field: 'scopes' }),
  e(28002, 'InvalidScopeValue', 'scope', 'A scope value is not valid for requesting an access token.', 'Only openid/profile/offline_access was requested, or a misspelled scope.', 'Add the mail permission scope (e.g. https://outlook.office.com/IMAP.AccessAsUser.All).', { field: 'scopes' }),
  e(28003, 'EmptyScope', 'scope', 'The scope parameter was empty when redeeming the code.', 'The product\'s scope field is empty.', 'Fill in the scopes for your protocol.', { field: 'scopes' }),
  e(700023, 'InvalidResourcelessScope', 'scope', 'The scope is not valid for an access token request.', 'Only resourceless scopes (offline_access, openid) were requested.', 'Add the mail resource\'s permission scope.', { field: 'scopes' }),
  e(500011, 'InvalidResourceServicePrincipalNotFound', 'scope', 'The resource in the scope was not found in the tenant.', 'A scope host of another cloud (e.g. outlook.office365.us on a commercial tenant), a typo in the resource URI, or Exchange Online is not provisioned.', 'Use the resource host of your cloud (outlook.office.com / graph.microsoft.com for Global) and check Exchange Online is licensed.', { field: 'scopes' }),
  e(50001, 'InvalidResource', 'scope', 'The resource is disabled or does not exist.', 'A wrong resource URI in the scopes (typo, wrong cloud).', 'Fix the resource part of the scope URIs.', { field: 'scopes' }),
  e(901002, 'ResourceParameterNotSupported', 'endpoint', 'The resource parameter is not supported on this endpoint.', 'The product sends a v1-style resource= parameter to a v2 endpoint.', 'Use scopes instead of resource, or match the endpoint version to what the product sends.', { field: 'authorizeUrl' }),
  e(70000, 'InvalidGrant', 'token', 'The grant (code or refresh token) is invalid.', 'The refresh token was revoked, the password changed, or the code was already used or expired.', 'Authorize the mailbox again from the product.'),
  e(70008, 'ExpiredOrRevokedGrant', 'token', 'The refresh token or code expired or was revoked.', 'The product did not refresh for too long, or the user/admin revoked sessions or changed the password.', 'Re-authorize the mailbox; make sure offline_access is requested so refresh keeps working.'),
  e(700082, 'ExpiredOrRevokedGrantInactiveToken', 'token', 'The refresh token expired after a long period of inactivity.', 'The product stopped polling the mailbox for about 90 days.', 'Authorize the mailbox again.'),
  e(54005, 'AuthCodeAlreadyRedeemed', 'token', 'The authorization code was already redeemed.', 'The callback was processed twice (a page reload, a retry, two product nodes).', 'Run the authorization once more and let it complete without reloading.'),
  e(50173, 'FreshTokenNeeded', 'token', 'The grant was revoked; a fresh sign-in is needed.', 'An admin revoked the mailbox account\'s sessions or its password was reset.', 'Authorize the mailbox again from the product.'),
  e(70043, 'BadTokenDueToSignInFrequency', 'token', 'The refresh token is no longer valid because of a sign-in frequency policy.', 'A Conditional Access sign-in frequency policy applies to the mailbox account.', 'Exclude the service mailbox/app from sign-in frequency, or re-authorize periodically.', { field: 'signInAccount' }),
  e(50089, 'FlowTokenExpired', 'token', 'The sign-in flow took too long and its token expired.', 'The login page was left open too long before entering credentials.', 'Start the authorization again and complete it promptly.'),
  e(501481, 'CodeVerifierMismatch', 'token', 'The PKCE code_verifier does not match the code_challenge.', 'The product lost its PKCE state between authorize and token (two nodes, a restart).', 'Start the authorization again from the same product node.'),
  e(9002313, 'InvalidRequest', 'token', 'The request is malformed or invalid.', 'A parameter is broken: often an invisible character or space in the client id, an invalid scope string, or a mangled URL.', 'Re-copy client id, tenant and URLs; check the scope string.'),
  e(900144, 'MissingRequiredParameter', 'token', 'A required parameter is missing from the request body.', 'The product did not send grant_type, client_id, code or scope (often a product misconfiguration).', 'Check the product fields are all filled; the message names the missing parameter.'),
  e(90014, 'MissingRequiredField', 'token', 'An expected field is missing from the request.', 'The product sent an incomplete request.', 'Fill in every OAuth field in the product and retry.'),
  e(90023, 'InvalidRequest', 'token', 'The authentication request is not valid.', 'Malformed request, frequently a wrong endpoint or parameter.', 'Check endpoints and parameters against Overview > Endpoints.'),
  e(70005, 'UnsupportedResponseType', 'token', 'The requested response_type is not enabled for the app.', 'The product asks for tokens from the authorize endpoint (implicit flow) which is off.', 'Use the authorization code flow (response_type=code); do not enable implicit grant for a mail product.', { field: 'authorizeUrl' }),
  e(700054, 'IdTokenImplicitNotEnabled', 'token', 'response_type id_token was requested but ID tokens via implicit grant are off.', 'The product uses a hybrid flow.', 'Prefer the code flow; enable "ID tokens" under Implicit grant only if the product vendor requires it.', { field: 'authorizeUrl' }),
  e(70007, 'UnsupportedResponseMode', 'token', 'The response_mode value is not supported.', 'The product asks for an unsupported response mode.', 'Use response_mode=query or form_post.', { field: 'authorizeUrl' }),
  e(50196, 'LoopDetected', 'token', 'Entra detected the same request in a loop.', 'The product retries token requests too fast after failures.', 'Fix the underlying error first, then let the product retry normally.'),
  // --- sign-in / user account ------------------------------------------------------------------------------------------
  e(50034, 'UserAccountNotFound', 'sign-in', 'The account does not exist in this directory.', 'A typo in the mailbox address, or the account lives in another tenant than the endpoints name.', 'Check the mailbox address and that the endpoints use its tenant.', { field: 'signInAccount' }),
  e(50126, 'InvalidUserNameOrPassword', 'sign-in', 'The user name or password is wrong.', 'The mailbox account\'s password was mistyped or recently changed.', 'Sign in again with the mailbox\'s current password.', { field: 'signInAccount' }),
  e(50053, 'IdsLocked', 'sign-in', 'The account is locked after too many attempts, or the sign-in came from a suspicious IP.', 'Repeated wrong passwords (often a product retrying an old password) or a blocked IP.', 'Wait for the lockout to end or have an admin unblock the account; check the sign-in logs\' failure reason.', { field: 'signInAccount' }),
  e(50055, 'InvalidPasswordExpiredPassword', 'sign-in', 'The password has expired.', 'The service mailbox account follows the password expiry policy.', 'Reset the password, then authorize again. Consider a non-expiring policy for the service account.', { field: 'signInAccount' }),
  e(50056, 'InvalidOrNullPassword', 'sign-in', 'No password exists for this user in the directory.', 'The account has no password set (e.g. a shared mailbox, which cannot sign in).', 'Sign in with a delegate that has Full Access to the shared mailbox, not the shared mailbox itself.', { field: 'signInAccount' }),
  e(50057, 'UserDisabled', 'sign-in', 'The user account is disabled.', 'Shared mailboxes are created with sign-in blocked; or the account was disabled.', 'Sign in as a licensed delegate with Full Access, or enable the account.', { field: 'signInAccount' }),
  e(50058, 'UserInformationNotProvided', 'sign-in', 'No usable session for silent sign-in.', 'prompt=none was used and nobody is signed in (expected in a clean session).', 'Let the sign-in page be shown (prompt=login).'),
  e(50059, 'MissingTenantRealmAndNoUserInformationProvided', 'tenant', 'Entra could not tell which tenant to use.', 'The common endpoint was used without a login hint, or the tenant is empty.', 'Use the tenant-specific endpoints.', { field: 'tenant' }),
  e(50020, 'UserUnauthorized', 'sign-in', 'The account is from another identity provider/tenant and is not a guest here.', 'The person signing in used an account of another organization (often the admin\'s own).', 'Sign in with the mailbox account of the tenant that owns the app, in a clean session.', { field: 'signInAccount' }),
  e(51004, 'UserAccountNotInDirectory', 'sign-in', 'The account is not in this directory.', 'Wrong tenant in the endpoints, or a mistyped account.', 'Use the mailbox\'s tenant and check the address.', { field: 'signInAccount' }),
  e(16000, 'InteractionRequired', 'sign-in', 'The signed-in account does not exist in the tenant of the app.', 'The browser silently reused another account (the admin\'s own, from another tenant).', 'Authorize in a clean session and sign in as the mailbox.', { field: 'signInAccount' }),
  e(16003, 'SsoUserAccountNotFoundInResourceTenant', 'sign-in', 'The account has not been added to this tenant.', 'An SSO session for an account of another tenant was reused.', 'Sign in explicitly as the mailbox account (clean session, prompt=login).', { field: 'signInAccount' }),
  e(50014, 'GuestUserInPendingState', 'sign-in', 'The guest invitation was never redeemed.', 'The account is a pending B2B guest.', 'Redeem the invitation, or use a member account of the tenant.', { field: 'signInAccount' }),
  e(90072, 'PassThroughUserMfaError', 'sign-in', 'The account used to sign in does not belong to the tenant the request targets.', 'The sign-in account is from another tenant than the Tenant ID / endpoints (often the admin\'s own account reused by SSO).', 'Sign in with an account of the tenant the Tenant ID names, or fix the Tenant ID.', { field: 'signInAccount' }),
  e(500208, 'InvalidDomainForAccountType', 'sign-in', 'The domain is not valid for this kind of account.', 'A personal Microsoft account was used where work accounts are expected, or the reverse.', 'Use the work mailbox account.', { field: 'signInAccount' }),
  e(50105, 'EntitlementGrantsNotFound', 'sign-in', 'The user is not assigned to the application.', '"Assignment required" is on for the enterprise app and the mailbox account is not assigned.', 'Assign the mailbox (or delegate) account to the enterprise application, or turn off assignment required.', { field: 'signInAccount' }),
  e(50125, 'PasswordResetRegistrationRequiredInterrupt', 'sign-in', 'Sign-in was interrupted for password reset registration.', 'The account must register self-service password reset info.', 'Complete the registration once interactively, then authorize again.', { field: 'signInAccount' }),
  e(50132, 'SsoArtifactInvalidOrExpired', 'sign-in', 'The session is no longer valid because the password changed or expired.', 'The mailbox password was changed.', 'Sign in again with the new password.', { field: 'signInAccount' }),
  e(50133, 'SsoArtifactRevoked', 'sign-in', 'The session was revoked because the password changed or expired.', 'Password change or admin revocation.', 'Sign in again.', { field: 'signInAccount' }),
  e(50135, 'PasswordChangeCompromisedPassword', 'sign-in', 'A password change is required because of account risk.', 'Identity Protection flagged the mailbox account.', 'Have the account change its password (or an admin remediate the risk), then authorize again.', { field: 'signInAccount' }),
  e(50140, 'KmsiInterrupt', 'sign-in', 'The "Stay signed in?" prompt interrupted the flow.', 'Expected during interactive sign-in.', 'Answer the prompt; no configuration change needed.'),
  e(50144, 'InvalidPasswordExpiredOnPremPassword', 'sign-in', 'The on-premises Active Directory password has expired.', 'Hybrid account with an expired AD password.', 'Reset the password on premises, wait for sync, authorize again.', { field: 'signInAccount' }),
  e(50128, 'InvalidDomainName', 'tenant', 'No tenant could be identified from the request or the credentials.', 'The tenant or the account\'s domain is unknown to Entra.', 'Check the tenant (GUID or verified domain) and the mailbox\'s domain.', { field: 'tenant' }),
  e(500021, 'TenantRestrictionDenied', 'tenant', 'Tenant restrictions block access to this tenant from this network.', 'A proxy injects Restrict-Access-To-Tenants and the mailbox tenant is not on the list.', 'Ask the network team to allow the tenant, or authorize from another network.'),
  e(500212, 'NotAllowedByOutboundPolicyTenant', 'tenant', 'The user\'s home tenant forbids access to this tenant.', 'Cross-tenant access (outbound) policy.', 'Use an account of the resource tenant, or ask its admin to adjust the policy.'),
  e(500213, 'NotAllowedByInboundPolicyTenant', 'tenant', 'This tenant forbids access from the user\'s home tenant.', 'Cross-tenant access (inbound) policy.', 'Use a member account of the tenant.'),
  // --- MFA ---------------------------------------------------------------------------------------------------------
  e(50076, 'UserStrongAuthClientAuthNRequired', 'mfa', 'Multifactor authentication is required.', 'A policy requires MFA for the mailbox account (new location, Conditional Access, per-user MFA).', 'Complete MFA during the interactive authorization; for a service mailbox register an MFA method it can use.', { field: 'signInAccount' }),
  e(50074, 'UserStrongAuthClientAuthNRequiredInterrupt', 'mfa', 'Strong authentication was required and not completed.', 'The MFA challenge was not passed.', 'Complete the MFA prompt, or register an MFA method for the mailbox account.', { field: 'signInAccount' }),
  e(50079, 'UserStrongAuthEnrollmentRequired', 'mfa', 'The user must register for MFA.', 'The mailbox account has no MFA method registered yet.', 'Sign in once interactively and register an MFA method (or have the admin exclude the service account).', { field: 'signInAccount' }),
  e(50072, 'UserStrongAuthEnrollmentRequiredInterrupt', 'mfa', 'The user must enroll in second-factor authentication.', 'First interactive sign-in of the mailbox after MFA was enforced.', 'Complete the enrollment, then authorize again.', { field: 'signInAccount' }),
  e(50078, 'UserStrongAuthExpired', 'mfa', 'The earlier MFA has expired.', 'Policy requires fresh MFA.', 'Sign in again and complete MFA.', { field: 'signInAccount' }),
  e(50158, 'ExternalSecurityChallenge', 'mfa', 'An external security challenge (third-party MFA) was not satisfied.', 'A custom control or external MFA provider did not complete.', 'Complete the external challenge, or ask the admin.'),
  // --- Conditional Access / device --------------------------------------------------------------------------------------
  e(53000, 'DeviceNotCompliant', 'conditional-access', 'Conditional Access requires a compliant (managed) device.', 'A device-compliance policy applies to the mailbox account or the app, and the browser used cannot present a managed device.', 'Exclude the service mailbox or this app from the device-compliance policy, or authorize from a compliant device\'s regular browser.', { note: EMBEDDED, field: 'signInAccount' }),
  e(53001, 'DeviceNotDomainJoined', 'conditional-access', 'Conditional Access requires a domain-joined device.', 'Hybrid-join policy for the account or app.', 'Exclude the service mailbox/app from the policy, or authorize from a joined device\'s browser.', { note: EMBEDDED, field: 'signInAccount' }),
  e(53002, 'ApplicationUsedIsNotAnApprovedApp', 'conditional-access', 'Only approved client apps may be used.', 'An approved-app policy blocks this sign-in.', 'Ask the admin to exclude the mailbox/app from the approved-app requirement.'),
  e(53003, 'BlockedByConditionalAccess', 'conditional-access', 'A Conditional Access policy blocked token issuance.', 'A policy (location, device state, client app, risk) blocks the mailbox account or this app. If the policy requires a compliant or joined device, an embedded browser can never satisfy it.', 'Look up the sign-in in Entra sign-in logs (Conditional Access tab) to see which policy applied; exclude the service mailbox or app, or meet the condition.', { note: EMBEDDED, field: 'signInAccount' }),
  e(530032, 'BlockedByConditionalAccessOnSecurityPolicy', 'conditional-access', 'A tenant security policy blocked the request.', 'A security policy at tenant level.', 'Check tenant security policies with the admin.'),
  e(530035, 'BlockedBySecurityDefaults', 'conditional-access', 'Security defaults blocked the request.', 'Legacy authentication or an unsafe request under security defaults.', 'Use OAuth (not basic auth) and complete MFA; the admin may move from security defaults to Conditional Access.'),
  e(53004, 'ProofUpBlockedDueToRisk', 'conditional-access', 'MFA registration is blocked due to risk.', 'The account must register MFA but the sign-in is risky.', 'An admin must remediate the risk, then register MFA.'),
  e(53011, 'UserBlockedDueToRiskOnHomeTenant', 'conditional-access', 'The user is blocked because of risk in the home tenant.', 'Identity Protection risk.', 'Ask the admin to remediate the user risk.'),
  e(50131, 'ConditionalAccessFailed', 'conditional-access', 'A Conditional Access check failed (device state, suspicious activity, policy).', 'Conditional Access policies for the account or app.', 'Read the Conditional Access tab of the failed sign-in in the Entra sign-in logs.', { note: EMBEDDED }),
  e(50005, 'DevicePolicyError', 'device', 'The device platform is not allowed by Conditional Access.', 'A platform policy (e.g. only Windows/macOS) blocks the browser used.', 'Authorize from an allowed platform, or exclude the mailbox from the policy.'),
  e(50097, 'DeviceAuthenticationRequired', 'device', 'Device authentication is required.', 'A policy requires the device to authenticate; embedded browsers cannot.', 'Authorize from a registered device\'s regular browser, or exclude the mailbox/app.', { note: EMBEDDED }),
  e(50129, 'DeviceIsNotWorkplaceJoined', 'device', 'Workplace join is required.', 'The device is not registered.', 'Register the device or exclude the mailbox/app from the policy.', { note: EMBEDDED }),
  e(50155, 'DeviceAuthenticationFailed', 'device', 'Device authentication failed.', 'The device object is missing or its certificate is invalid.', 'Re-register the device or use another device.'),
  e(135011, 'DeviceDisabled', 'device', 'The device used during authentication is disabled or deleted in Entra ID.', 'The device identity presented (or the account tied to it, as some vendor docs put it) was disabled.', 'Re-enable the device (or the service account) in Entra ID, or authorize from another device.'),
  e(135010, 'KeyNotFound', 'device', 'A device key was not found.', 'Device registration is broken.', 'Re-register the device.'),
  // --- tenant / cloud ------------------------------------------------------------------------------------------------
  e(90002, 'InvalidTenantName', 'tenant', 'The tenant was not found.', 'A typo in the tenant ID or domain, a domain that is not verified, or a tenant of another cloud (e.g. GCC High tenant on login.microsoftonline.com).', 'Copy the Directory (tenant) ID from Overview, and use the login host of your cloud.', { field: 'tenant' }),
  e(90038, 'NationalCloudTenantRedirection', 'tenant', 'The tenant belongs to another national cloud.', 'A US Government or China tenant was used against the Global login host (or the reverse).', 'Use the login host and scopes of the tenant\'s cloud (e.g. login.microsoftonline.us and .us scopes for GCC High).', { field: 'authorizeUrl' }),
  e(90051, 'InvalidNationalCloudId', 'tenant', 'The national cloud identifier is invalid.', 'Cloud selection is wrong in the request.', 'Pick the correct cloud and its endpoints.', { field: 'authorizeUrl' }),
  e(900432, 'ConfidentialClientCrossCloud', 'tenant', 'Confidential clients cannot be used across clouds.', 'The app registration is in one cloud and the tenant/endpoints in another.', 'Register the app in the same cloud as the mailbox tenant.', { field: 'authorizeUrl' }),
  e(50049, 'NoSuchInstanceForDiscovery', 'tenant', 'Unknown or invalid instance (authority).', 'The authority host in the endpoints is wrong.', 'Use the login host of your cloud.', { field: 'authorizeUrl' }),
  e(90019, 'MissingTenantRealm', 'tenant', 'Entra could not determine the tenant from the request.', 'A common endpoint without enough information.', 'Use the tenant-specific endpoints.', { field: 'tenant' }),
  // --- service / transient -----------------------------------------------------------------------------------------------
  e(50000, 'TokenIssuanceError', 'service', 'Entra had an internal problem issuing the token.', 'A service-side issue.', 'Retry later; if it persists, open a Microsoft support case with the correlation ID and timestamp.'),
  e(90033, 'MsodsServiceUnavailable', 'service', 'The directory service is temporarily unavailable.', 'Transient Microsoft outage.', 'Retry in a few minutes.'),
  e(90024, 'RequestBudgetExceededError', 'service', 'A transient error occurred.', 'Throttling or transient load.', 'Retry.'),
  e(90055, 'TenantThrottlingError', 'service', 'Too many requests for this tenant.', 'A product or script is retrying in a tight loop.', 'Slow down retries; fix the underlying error first.'),
  e(50033, 'RetryableError', 'service', 'A transient error occurred.', 'Temporary service condition.', 'Retry.'),
];

export const AADSTS_BY_CODE: ReadonlyMap<number, AadstsEntry> = new Map(AADSTS_CATALOG.map((x) => [x.code, x]));

/** OAuth `error` values (RFC 6749) seen without a code, with the usual mail-integration reading. */
export const OAUTH_ERRORS: Readonly<Record<string, { meaning: string; fix: string }>> = {
  invalid_client: { meaning: 'The client id or secret was rejected (wrong, expired, or the Secret ID instead of the Value).', fix: 'Check the client id, and create a new secret and use its Value.' },
  invalid_grant: { meaning: 'The code or refresh token is invalid, expired or was revoked.', fix: 'Authorize the mailbox again.' },
  invalid_scope: { meaning: 'A requested scope is invalid (separator, typo, not declared on the app).', fix: 'Use the exact space-separated scope strings for your protocol.' },
  invalid_request: { meaning: 'The request is malformed or misses a parameter.', fix: 'Check every OAuth field in the product.' },
  unauthorized_client: { meaning: 'The client may not use this grant type or was not found.', fix: 'Check the client id, tenant and app platform (Web).' },
  access_denied: { meaning: 'The user or a policy refused the authorization.', fix: 'Retry and accept consent, or have an admin grant consent.' },
  consent_required: { meaning: 'Consent is missing for the requested permissions.', fix: 'Grant admin consent in API permissions.' },
  interaction_required: { meaning: 'The request needs an interactive step (MFA, consent, account selection).', fix: 'Authorize interactively.' },
  login_required: { meaning: 'No session exists for a silent request.', fix: 'Authorize interactively (prompt=login).' },
  temporarily_unavailable: { meaning: 'Entra is temporarily busy.', fix: 'Retry later.' },
  server_error: { meaning: 'Entra had an internal error.', fix: 'Retry; contact support with the correlation ID if it persists.' },
};

// Owns the main process's own error codes: each code with ONE message (the cause) and ONE next step, for every
// place that raises it (the services, which the CLI shares, and the Electron adapters). codedError builds the
// CodedError the dispatcher turns into a Result; appError the plain AppError kept as data (a failed state, a
// notice). A `{name}` in a text is filled from the values given, and the types require exactly those values, so
// a code that is not in the table or a missing value is a compile error. Entra's codes stay dynamic (oauthError
// in authorize/authorize-service.ts keeps AADSTS… and OAUTH_… with the identity provider's own words), and the
// validators in shared/ (the redirect URI's) carry their own texts.
import { CodedError, type AppError } from '../../shared/result';

interface ErrorText {
  readonly message: string;
  readonly nextStep: string;
}

export const ERRORS = {
  // --- the IPC boundary (ipc/dispatch.ts) -------------------------------------------------------------------
  UNTRUSTED_SENDER: {
    message: 'The call did not come from the app’s own window.',
    nextStep: 'Use the app window; other pages cannot call the app.',
  },
  UNKNOWN_METHOD: {
    message: 'There is no method named "{method}".',
    nextStep: 'Update the app; the window and the main process disagree.',
  },
  INVALID_REQUEST: {
    message: 'The request to {method} was not valid.',
    nextStep: 'Check the fields you entered and try again.',
  },
  INTERNAL: {
    message: 'Something unexpected went wrong in {method}: {what}.',
    nextStep: 'Try again; if it persists, export the diagnostic report and report the problem with it.',
  },
  NOT_AVAILABLE: {
    message: 'This copy of the app runs without {part}, so {activity} is not possible here.',
    nextStep: 'Use the desktop app for this.',
  },

  // --- authorize ------------------------------------------------------------------------------------------------
  FLOW_IN_PROGRESS: {
    message: 'An authorization is already running.',
    nextStep: 'Finish or cancel the open sign-in window first.',
  },
  FLOW_NOT_FOUND: {
    message: 'That authorization is no longer the current one.',
    nextStep: 'Start a new authorization.',
  },
  CLIENT_SECRET_MISSING: {
    message: 'No client secret was given for this authorization.',
    nextStep: 'Enter the client secret Value, or pick a profile with a saved secret.',
  },
  AUTHORITY_MISSING: {
    message: 'A custom authority needs its host.',
    nextStep: 'Enter the authority host (host:port) in the cloud settings.',
  },
  CA_FILE_UNREADABLE: {
    message: 'The CA file {path} could not be read.',
    nextStep: 'Choose the PEM file of the custom authority’s CA.',
  },
  CA_FILE_NOT_ABSOLUTE: {
    message: 'The CA file "{path}" is not a full path, and the app’s working folder is no place to look for it.',
    nextStep: 'Choose the PEM file again from a local folder, e.g. C:\\Users\\you\\ca.pem or /Users/you/ca.pem.',
  },
  CA_FILE_REFUSED: {
    message: 'That CA file was not read: it is {reason}.',
    nextStep: 'Copy the CA certificate (PEM) to a local folder and choose it there.',
  },
  CA_FILE_NOT_PEM: {
    message: '{file} holds no PEM certificate (or holds a private key).',
    nextStep: 'Choose the CA certificate itself: a .pem/.crt file starting with -----BEGIN CERTIFICATE-----.',
  },
  CA_DIALOG_UNAVAILABLE: {
    message: 'This copy of the app has no file dialog to choose a CA file with.',
    nextStep: 'Use the desktop app to choose the CA file.',
  },
  // --- app-only certificate credentials (app-only/certificate-file.ts) -----------------------------------------
  APP_ONLY_RUN_NOT_FOUND: {
    message: 'That app-only test is no longer kept (an hour has passed, or the app was restarted).',
    nextStep: 'Run "Test app-only access" again.',
  },
  CERT_FILE_UNREADABLE: {
    message: 'The certificate file {path} could not be read.',
    nextStep: 'Choose the PEM file holding the app’s certificate and its private key.',
  },
  CERT_FILE_REFUSED: {
    message: 'That certificate file was not read: it is {reason}.',
    nextStep: 'Copy the PEM file (certificate and private key) to a local folder and choose it there.',
  },
  CERT_FILE_NO_KEY: {
    message:
      '{file} holds no unencrypted private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----).',
    nextStep:
      'Choose the PEM with the private key, not the .cer uploaded to the portal. A password-protected key: openssl pkcs8 -in key.pem -nocrypt -topk8 -out plain-key.pem (keep that file private).',
  },
  CERT_FILE_NO_CERTIFICATE: {
    message: '{file} holds a private key but no certificate (-----BEGIN CERTIFICATE-----).',
    nextStep:
      'Put the certificate you uploaded under Certificates & secrets → Certificates in the same PEM file, after the key.',
  },
  CERT_KEY_MISMATCH: {
    message: 'The private key in {file} does not belong to its certificate ({subject}).',
    nextStep: 'Choose the PEM whose key and certificate were created together.',
  },
  CERT_NOT_CHOSEN: {
    message: 'No certificate is chosen for this app-only test (or the app was restarted since).',
    nextStep: 'Select "Choose certificate file…" again, or use the client secret.',
  },
  CERT_DIALOG_UNAVAILABLE: {
    message: 'This copy of the app has no file dialog to choose a certificate file with.',
    nextStep: 'Use the desktop app to choose the certificate, or use the client secret.',
  },
  IDP_UNREACHABLE: {
    message: 'The identity provider could not be reached: {reason}',
    nextStep: 'Check the network, proxy and the cloud/authority setting, then try again.',
  },
  IDP_TLS: {
    message: 'The certificate of {host} was not trusted: {reason}',
    nextStep:
      'For a custom authority, choose the CA file that issued its certificate; otherwise check for a TLS-inspecting proxy.',
  },
  IDP_SERVER_ERROR: {
    message: 'The identity provider had a server error: {reason}',
    nextStep: 'Wait a minute and authorize again; if it persists, check the service health.',
  },
  CANCELLED: {
    message: 'The authorization was cancelled.',
    nextStep: 'Authorize again when ready.',
  },
  AUTH_TIMEOUT: {
    message: 'No sign-in finished within {seconds} s.',
    // The limit is the flow's own (10 minutes unless a caller sets timeoutMs); there is no setting for it.
    nextStep:
      'Authorize again and finish signing in within {seconds} s; if the window showed an error, paste its text into Explain error.',
  },
  STATE_MISMATCH: {
    message: 'The answer from the sign-in page did not carry the state this app sent, so it was not accepted.',
    nextStep: 'Authorize again; if it repeats, something between you and Microsoft is altering the sign-in.',
  },
  NO_CODE: {
    message: 'The sign-in page returned to the redirect URI without an authorization code.',
    nextStep: 'Authorize again; check that the app registration allows the authorization code flow.',
  },
  TOKEN_REDEMPTION_FAILED: {
    message: 'Redeeming the authorization code failed: {reason}',
    nextStep: 'Check the client secret, redirect URI and scopes, then authorize again.',
  },
  NO_REFRESH_TOKEN: {
    message: 'No refresh token came back, so no token for {resource} could be obtained.',
    nextStep: 'Add offline_access to the scopes and authorize again.',
  },
  // One wording for every place a token-set id finds no run: probes, the field sheet, copy, export, profiles.save.
  TOKEN_SET_NOT_FOUND: {
    message:
      'The app no longer holds that authorize run (never stored, expired an hour after the sign-in, cleared, or from an earlier session).',
    nextStep:
      'Authorize the mailbox again, or enter the value yourself (paste an access token to probe with, type the client secret to save).',
  },

  // --- probes ---------------------------------------------------------------------------------------------------
  PROBE_RUN_ID_IN_USE: {
    message: 'A probe run with id {runId} is already running.',
    nextStep: 'Use a new run id for each run.',
  },
  PROBE_HOST_REQUIRED: {
    message: 'A custom cloud has no {protocol} host of its own.',
    nextStep: 'Enter the {protocol} host (and port) to probe.',
  },
  PROBE_HOST_NOT_CONFIRMED: {
    message:
      'The run’s access token was not sent to {endpoints}: not one of {cloud}’s hosts, and not confirmed by you.',
    nextStep:
      'Probe the cloud’s own hosts (leave the server fields empty), or run the test again and confirm the host if it is your own server.',
  },
  PROBE_BAD_INPUT: {
    message: 'The mailbox or token contains control characters or spaces.',
    nextStep: 'Paste the mailbox address and the token exactly, without line breaks.',
  },

  // --- handover -------------------------------------------------------------------------------------------------
  RUN_NOT_VERIFIED: {
    message: 'That run has not finished verification, so it has no verified values yet.',
    nextStep: 'Wait for the verdict, then open the field sheet.',
  },
  CLIPBOARD_UNAVAILABLE: {
    message: 'There is no clipboard to copy to here.',
    nextStep: 'Use the desktop app to copy values.',
  },
  FIELD_NOT_FOUND: {
    message: 'The field sheet has no value “{field}”.',
    nextStep: 'Reopen the field sheet and copy from it.',
  },
  EXPORT_BLOCKED_FINDING: {
    message: 'The values are not fully verified ({status})',
    nextStep: 'Fix the marked values and authorize again, or export anyway (the file then says verified: false).',
  },
  // One wording for a value the app does not hold: copying it, or exporting the secret or the refresh token.
  VALUE_MISSING: {
    message: 'The app holds no {value} for this {source}.',
    nextStep: 'Authorize again to get it (a refresh token needs offline_access in the scopes), or go on without it.',
  },
  FILE_WRITE_FAILED: {
    message: 'Writing {file} failed, so nothing was changed: {reason}',
    nextStep: 'Check that the folder exists, is writable and has free space, then try again.',
  },

  // --- profiles and the secret vault ----------------------------------------------------------------------------
  PROFILE_NOT_FOUND: {
    message: 'No saved profile has that id (deleted, or saved by another copy of the app).',
    nextStep: 'Pick a profile from the list again.',
  },
  PROFILE_HAS_NO_SECRET: {
    message: 'Profile “{name}” was saved without its client secret.',
    nextStep: 'Enter the client secret on the Authorize page (and tick “save secret” to keep it).',
  },
  PROFILES_UNREADABLE: {
    message: 'The profiles file {path} could not be read: {reason}',
    nextStep: 'Check the file’s permissions; your profiles were not changed.',
  },
  PROFILES_FILE_CORRUPT: {
    message: 'The saved profiles file was damaged (not valid profile JSON), so it was moved aside to {movedTo}.',
    nextStep: 'Save your profiles again; the old file is kept for recovery.',
  },
  PROFILES_FILE_NEWER: {
    message:
      'The profiles file was written by a newer version of the app (format {version}); it was moved aside to {movedTo} and not changed.',
    nextStep: 'Update the app to use those profiles again, or save new ones here.',
  },
  PROFILES_ENTRIES_DROPPED: {
    message: '{dropped} damaged and left out; the other {kept} were kept. The original file is at {movedTo}.',
    nextStep: 'Save the missing profile again; the original file is kept for recovery.',
  },
  PROFILE_SECRET_BINDING_CHANGED: {
    message: 'The saved client secret of “{name}” is only used with its own {fields}; this request names another.',
    nextStep: 'Go back to the profile’s values, or enter the client secret for the new values (and save it with them).',
  },
  PROFILE_SECRET_MISBOUND: {
    message: 'The saved secret in “{name}” was sealed for another profile or other values, so it is not used.',
    nextStep: 'Enter the client secret again and save the profile with it; check who changed the profiles file.',
  },
  PROFILE_SECRET_UNBOUND: {
    message:
      'The saved secret of “{name}” was stored by an earlier version without the values it belongs to, so it is not used.',
    nextStep: 'Enter the client secret again and save the profile with it.',
  },
  RUN_SECRET_BINDING: {
    message: 'That authorize run’s client secret is saved only with the run’s own {fields}; the profile names another.',
    nextStep: 'Save the profile with the run’s values, or type the client secret for the new values.',
  },
  VAULT_UNAVAILABLE: {
    message: 'No secure storage is available here, so the client secret cannot be stored safely.',
    nextStep: 'Save the profile without its secret and enter the secret when you authorize.',
  },
  VAULT_INSECURE_BACKEND: {
    message:
      'No keyring (GNOME Keyring / KWallet) is running, so Electron would only obfuscate the secret with a fixed key (basic_text); it is not stored.',
    nextStep: 'Start a keyring (e.g. gnome-keyring) and try again, or save the profile without its secret.',
  },
  VAULT_MISMATCH: {
    message: 'The secret of “{name}” was sealed by another vault ({vault}) and cannot be read here.',
    nextStep: 'Enter the client secret again and save the profile with it.',
  },
  VAULT_UNSEAL_FAILED: {
    message: 'The saved secret could not be decrypted (sealed under another key, user account or keyring, or damaged).',
    nextStep: 'Enter the client secret again and save the profile with it.',
  },

  PROFILE_NAME_TAKEN: {
    message: 'Another saved profile is already named “{name}”.',
    nextStep: 'Choose another name, or delete the other profile first.',
  },

  // --- settings ---------------------------------------------------------------------------------------------------
  SETTINGS_UNREADABLE: {
    message: 'The settings file {path} could not be read: {reason}',
    nextStep: 'The app uses its default settings for now; check the file’s permissions.',
  },
  SETTINGS_FILE_CORRUPT: {
    message: 'The settings file was damaged (not valid settings JSON), so it was moved aside to {movedTo}.',
    nextStep: 'The app uses its default settings for now; set what you had changed again on the Settings page.',
  },
  LOG_FOLDER_UNAVAILABLE: {
    message: 'This copy of the app writes no log file, so there is no log folder to open.',
    nextStep: 'Use the desktop app to get a log file.',
  },
  LOG_FOLDER_NOT_OPENED: {
    message: 'The log folder {folder} could not be opened: {reason}',
    nextStep: 'Open the folder yourself in your file manager.',
  },

  // --- proxy ------------------------------------------------------------------------------------------------------
  PROXY_UNREACHABLE: {
    message: 'The proxy {proxy} could not be reached: {reason}',
    nextStep: 'Check the proxy address under Settings > Network, or clear it to connect directly.',
  },
  PROXY_REFUSED: {
    message: 'The proxy {proxy} refused to open a tunnel to {target} ({status}).',
    nextStep:
      'Ask your network team to allow CONNECT to that host and port, or clear the proxy under Settings > Network.',
  },

  // --- audit ----------------------------------------------------------------------------------------------------
  AUDIT_IN_PROGRESS: {
    message: 'An audit is already running.',
    nextStep: 'Finish or cancel the open admin sign-in window first.',
  },
  AUDIT_CANCELLED: {
    message: 'The audit was cancelled: the admin sign-in window was closed before the sign-in finished.',
    nextStep: 'Audit again when ready.',
  },
  AUDIT_TIMEOUT: {
    message: 'No admin sign-in finished within {seconds} s.',
    nextStep: 'Audit again and complete the sign-in in the window that opens.',
  },
  AUDIT_CONSENT_REQUIRED: {
    message:
      'The admin sign-in stopped ({code}): {client} has no admin consent in this tenant for the read permissions an audit needs ({permissions}).',
    nextStep:
      'Ask {granters} to grant admin consent for {permissions} (Microsoft Graph, delegated) to {client}: Entra admin center > Enterprise applications > search {clientId} > Permissions > Grant admin consent; or to sign in here and accept the consent prompt. Then audit again.',
  },
  AUDIT_READ_DENIED: {
    message:
      'Microsoft Graph refused to read app registrations (403 Authorization_RequestDenied): the admin sign-in carries no {permission}.',
    nextStep:
      'Ask {granters} to grant admin consent for {permission} (Microsoft Graph, delegated) to {client}: Entra admin center > Enterprise applications > search {clientId} > Permissions > Grant admin consent. Then audit again.',
  },
  AUDIT_GRAPH_FAILED: {
    message: 'Microsoft Graph at {host} did not answer the audit: {reason}',
    nextStep: 'Check the network and the cloud setting (Graph host), then audit again.',
  },

  // --- product session ------------------------------------------------------------------------------------------
  PRODUCT_URL_INVALID: {
    message: 'The product URL {problem}.',
    nextStep:
      'Enter the product’s https address (http only on this machine), without a user name, e.g. https://acme.service-now.com/side_door.do.',
  },
  PRODUCT_SESSION_OPEN: {
    message: 'A product session is already open.',
    nextStep: 'Close the current product session first.',
  },
  PRODUCT_SESSION_NOT_FOUND: {
    message: 'That product session is no longer the current one.',
    nextStep: 'Open the product again.',
  },
  PRODUCT_SESSION_FAILED: {
    message: 'The clean product window could not be opened.',
    nextStep: 'Check the product URL and try again.',
  },
} as const satisfies Record<string, ErrorText>;

export type ErrorCode = keyof typeof ERRORS;

/** The `{name}` placeholders of a text, as a union of names. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
type ValuesOf<C extends ErrorCode> =
  Placeholders<(typeof ERRORS)[C]['message']> | Placeholders<(typeof ERRORS)[C]['nextStep']>;

/** What an error carries besides its code: a detail, a cause, and a value for each placeholder of its texts. */
export type ErrorOptions<C extends ErrorCode> = {
  /** Non-secret detail shown under the message (redacted by the dispatcher). */
  readonly detail?: string | undefined;
  readonly cause?: unknown;
} & { readonly [K in ValuesOf<C>]: string | number };

/** The options argument: optional when the code's texts have no placeholder. */
type OptionsArg<C extends ErrorCode> = [ValuesOf<C>] extends [never]
  ? [options?: ErrorOptions<C>]
  : [options: ErrorOptions<C>];

function fill(text: string, values: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The AppError of a code: its message and next step with the values filled in, and the detail if given. */
export function appError<C extends ErrorCode>(code: C, ...[options]: OptionsArg<C>): AppError {
  const values: Readonly<Record<string, unknown>> = options ?? {};
  const text: ErrorText = ERRORS[code];
  const detail = options?.detail;
  return {
    code,
    message: fill(text.message, values),
    nextStep: fill(text.nextStep, values),
    ...(detail === undefined ? {} : { detail }),
  };
}

/** A CodedError for a code of the table, to throw; the dispatcher answers it as a Result. */
export function codedError<C extends ErrorCode>(code: C, ...args: OptionsArg<C>): CodedError {
  const e = appError(code, ...args);
  const options = args[0];
  return new CodedError(e.code, e.message, e.nextStep, {
    ...(options?.cause === undefined ? {} : { cause: options.cause }),
    ...(e.detail === undefined ? {} : { detail: e.detail }),
  });
}

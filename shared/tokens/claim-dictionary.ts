// Owns the plain-language meaning of every claim Entra ID puts in ID and access tokens (v1 and v2), the
// JOSE header parameters, and the xms_* family. Sources: Microsoft's "ID token claims reference", "Access
// token claims reference" and "Optional claims reference" (entra-docs).

export interface ClaimInfo {
  readonly meaning: string;
  /** Seconds-since-epoch claims get UTC / local / relative rendering. */
  readonly isTime?: boolean;
}

const time = (meaning: string): ClaimInfo => ({ meaning, isTime: true });
const m = (meaning: string): ClaimInfo => ({ meaning });

export const CLAIMS: Readonly<Record<string, ClaimInfo>> = {
  aud: m(
    'Audience: who the token is for. An API URI or app id (Graph, Exchange Online) for access tokens; the client id of the app for ID tokens.',
  ),
  iss: m(
    'Issuer: the Entra ID authority and tenant that issued the token (sts.windows.net/<tenant>/ for v1, login.microsoftonline.com/<tenant>/v2.0 for v2).',
  ),
  iat: time('Issued at: when Entra ID issued the token.'),
  nbf: time('Not before: the token is not valid before this time.'),
  exp: time('Expires: the token is not accepted after this time (access tokens live about 60–90 minutes).'),
  aio: m('Internal Entra ID data used to reuse tokens; not meant to be read.'),
  acr: m(
    'Authentication context class (v1): "1" means the user authenticated (password or stronger); "0" means the sign-in did not meet ISO/IEC 29115 level 1.',
  ),
  amr: m(
    'Authentication methods used at sign-in, e.g. "pwd" (password), "mfa", "rsa", "wia" (Windows integrated auth).',
  ),
  appid: m('Application (client) id of the app that asked for the token (v1 tokens).'),
  app_displayname: m('Display name of the app that asked for the token (optional claim).'),
  appidacr: m('How the app authenticated (v1): 0 = public client, 1 = client secret, 2 = certificate.'),
  azp: m('Authorized party: application (client) id of the app that asked for the token (v2 tokens).'),
  azpacr: m('How the app authenticated (v2): 0 = public client, 1 = client secret, 2 = certificate.'),
  idp: m('Identity provider that authenticated the user; differs from the issuer for guest accounts (e.g. live.com).'),
  idtyp: m(
    'Token type: "app" for an app-only (client credentials) token, "user" for a delegated one (optional claim).',
  ),
  ipaddr: m('Public IP address the user signed in from.'),
  name: m('Display name of the user; for display only, not an identifier.'),
  oid: m(
    'Object id of the user (or of the service principal for app-only tokens) in this tenant: the stable identifier.',
  ),
  puid: m('Internal Microsoft user id (passport unique id); not documented for use.'),
  rh: m('Internal Entra ID data used to revalidate tokens; not meant to be read.'),
  scp: m(
    'Delegated permissions (scopes) the signed-in user consented to for this resource, separated by spaces, e.g. "IMAP.AccessAsUser.All SMTP.Send".',
  ),
  roles: m(
    'Application permissions (app roles) granted to the app, present in app-only (client credentials) tokens, e.g. "Mail.ReadWrite"; or app roles assigned to the user.',
  ),
  sid: m('Session id of the sign-in session; used for sign-out.'),
  sub: m('Subject: pairwise user id, unique per user and app; differs from oid across apps.'),
  tid: m('Tenant id: the directory (GUID) the user signed in to.'),
  unique_name: m('User name of the signed-in user (v1), usually the UPN; for guests "live.com#user@domain".'),
  upn: m('User principal name of the signed-in user (v1 tokens), e.g. servicedesk@contoso.com.'),
  preferred_username: m(
    'Sign-in name of the user (v2 tokens): usually the UPN or email; the account these tokens belong to.',
  ),
  uti: m('Unique token identifier, used internally to revoke and reuse tokens.'),
  ver: m('Token version: "1.0" (v1 endpoint or a v1 resource such as Graph and Exchange Online) or "2.0".'),
  wids: m('Entra ID built-in roles (template ids) the user holds, e.g. Global Administrator.'),
  groups: m('Ids of the groups the user belongs to (when group claims are configured).'),
  hasgroups: m('The user belongs to too many groups to list; call Graph to get them.'),
  _claim_names: m('The groups claim was too large and is returned by reference (group overage).'),
  _claim_sources: m('Where to fetch the overflowed claims (group overage).'),
  acct: m('Account status in the tenant: 0 = member, 1 = guest.'),
  ctry: m("User's country or region (two-letter code)."),
  tenant_ctry: m("Tenant's country or region (two-letter code)."),
  tenant_region_scope: m("Region of the user's tenant."),
  email: m("The user's email address, if it has one; may differ from the sign-in name."),
  family_name: m("User's last name."),
  given_name: m("User's first name."),
  auth_time: time('When the user last entered credentials (authentication time).'),
  nonce: m('Value the app sent in the sign-in request, echoed back to detect replay (ID tokens).'),
  at_hash: m('Hash of the access token issued with this ID token, to bind the two.'),
  c_hash: m('Hash of the authorization code issued with this ID token, to bind the two.'),
  login_hint: m('Opaque hint that lets the app ask Entra ID to sign the same user in again.'),
  onprem_sid: m('On-premises Active Directory security identifier of the user.'),
  pwd_exp: m('Seconds until the password expires (optional claim).'),
  pwd_url: m('Where the user can change their password (optional claim).'),
  in_corp: m('The sign-in came from the corporate network (optional claim).'),
  verified_primary_email: m("The user's verified primary email address."),
  verified_secondary_email: m("The user's verified secondary email addresses."),
  deviceid: m('Id of the device the user signed in from (Entra-joined devices).'),
  signin_state: m('Sign-in state flags, e.g. "kmsi" (keep me signed in), "dvc_mngd" (managed device).'),
  fwd: m('IP address of the client when the request passed through a proxy.'),
  cnf: m('Confirmation key: the token is bound to a key (proof of possession).'),
  ctry_hint: m('Country hint of the sign-in.'),
  home_oid: m('Object id of the user in their home tenant (guests).'),
  sspr_enabled: m('Self-service password reset is enabled for the user.'),
  // xms_* (Microsoft extensions)
  xms_cc: m(
    'Client capabilities the app declared (e.g. "cp1": it can handle claims challenges from Continuous Access Evaluation).',
  ),
  xms_ssm: m('Internal Entra ID data for Continuous Access Evaluation; not meant to be read.'),
  xms_pdl: m('Preferred data location of the user (multi-geo tenants), e.g. "EUR".'),
  xms_pl: m("User's preferred language, e.g. en-US (optional claim)."),
  xms_tpl: m("Tenant's preferred language (optional claim)."),
  xms_tdbr: m('Tenant data boundary region, e.g. "EU" for EU Data Boundary tenants.'),
  xms_ftd: m('Internal Entra ID data about the token issuance datacenter; not meant to be read.'),
  xms_idrel: m('Relationship of the user to the tenant: 1 = member, 7 = guest/external (and other internal values).'),
  xms_st: m('Subject type of the token for the service (internal).'),
  xms_mirid: m('Resource id of the managed identity the token was issued to.'),
  xms_az_rid: m('Azure resource id of the managed identity or VM the token was issued to.'),
  xms_az_nwperimid: m('Network perimeter ids of the Azure resource (internal).'),
  xms_edov: m('The user’s email domain is verified by the tenant (email domain owner verified).'),
  xms_pfl: m('Preferred data location for Teams/Exchange (optional claim).'),
  xms_rd: m('Internal Entra ID routing data; not meant to be read.'),
  xms_tnt_fri: m('Internal tenant information; not meant to be read.'),
  xms_act_fct: m('Internal: actor facets of the token (how the actor was authenticated); not meant to be read.'),
  xms_sub_fct: m('Internal: subject facets of the token; not meant to be read.'),
  xms_ssp: m('Internal Entra ID data; not meant to be read.'),
  xms_sh: m('Internal Entra ID data; not meant to be read.'),
  xms_par_app_azp: m('Client id of the parent app in a nested (brokered) app authentication.'),
  xms_spcu: m('Internal: service principal created in the tenant for the client; not meant to be read.'),
  xms_frd: m('Internal Entra ID data; not meant to be read.'),
};

/** JOSE header parameters, including Microsoft's `nonce` on Graph tokens and the legacy `x5t`. */
export const HEADER_PARAMETERS: Readonly<Record<string, string>> = {
  typ: 'Type of the token, "JWT".',
  alg: 'Signature algorithm, e.g. RS256; "none" means unsigned (never accept).',
  kid: "Key id: which of the issuer's published keys (JWKS) signed the token.",
  x5t: 'Thumbprint of the signing certificate (legacy; same value as kid for Entra ID).',
  nonce:
    'Present on Microsoft Graph tokens: the signature is computed over a hashed nonce, so clients cannot verify it — only Graph can. This is by design.',
  enc: 'Content encryption algorithm of an encrypted token (JWE).',
  cty: 'Content type of a nested token.',
  jku: 'URL of a key set (not used by Entra ID; never follow it blindly).',
};

/** Meaning of a claim; unknown xms_* claims get the family's meaning, others a generic line. */
export function claimInfo(name: string): ClaimInfo & { readonly known: boolean } {
  const entry = Object.prototype.hasOwnProperty.call(CLAIMS, name) ? CLAIMS[name] : undefined;
  if (entry) return { ...entry, known: true };
  if (name.startsWith('xms_'))
    return { meaning: 'Microsoft extension claim (xms_*): internal or optional data added by Entra ID.', known: true };
  return { meaning: 'Not a standard Entra ID claim: added by the issuer or a claims-mapping policy.', known: false };
}

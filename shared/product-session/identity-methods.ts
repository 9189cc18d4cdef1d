// Owns the names of the ways the app can learn whose account the product got, strongest first, and how each is
// called on screen: plain data, shared by the verdict's schema (identity-schema.ts), the pure decision
// (identity.ts) and the renderer, so none of them imports another for it.

/** The ways the app can learn whose account the product got, strongest first. */
export const IDENTITY_METHODS = ['silent-code', 'silent-id-token', 'sign-in-form'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

/** How each method is named on screen. */
export const IDENTITY_METHOD_LABEL: Readonly<Record<IdentityMethod, string>> = {
  'silent-code': 'The app’s silent sign-in, redeemed with the client secret',
  'silent-id-token': 'The app’s silent ID-token request',
  'sign-in-form': 'The account the sign-in page sent',
};

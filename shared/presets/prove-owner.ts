// Owns the words every preset's "how to prove whose token the product holds" shares: the ways that work for any
// product (the app's product session, Test mailbox, Entra's sign-in logs) and why a product's own connection test
// alone proves less. Each preset states its own facility (or that it has none) in its `proveOwner` entry.

/** The ways that work whatever the product: said after each product's own facility, or instead of it. */
export const PROVE_OWNER_ANY_PRODUCT =
  'Authorize from this app’s Product session: its verdict checks whose account the product got. Test mailbox here proves the mailbox opens with a token of the right account; in the Microsoft Entra admin center, Sign-in logs filtered by this app registration’s Application (client) ID name the user who signed in for the product.';

/** Why the product's own connection test is not enough on its own. */
export const CONNECTION_TEST_CAVEAT =
  'A passing connection test in the product shows that its token opens the mailbox, not whose token it is: a token of an account with Full Access on the mailbox passes too.';

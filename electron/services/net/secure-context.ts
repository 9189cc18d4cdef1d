// One TLS secure context per extra CA (Node's roots plus that CA), built once and shared by every connection that
// trusts it: the probes and MSAL's network module. Passing `ca: [...rootCertificates, pem]` to tls.connect builds a
// fresh certificate store from Node's ~140 roots on every connection, tens of milliseconds each (issue 22: the
// IMAP, SMTP and Graph probes were 1.4-2.5x their bare clients, which trust the one CA alone).
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

/** Few distinct CAs exist in one run (the on-premises or test CA); the bound only stops an unbounded growth. */
const MAX_CONTEXTS = 8;
const contexts = new Map<string, SecureContext>();

/** A secure context trusting Node's roots and `extraCaPem`; the same object for the same PEM. */
export function secureContextWith(extraCaPem: string): SecureContext {
  let context = contexts.get(extraCaPem);
  if (context === undefined) {
    context = createSecureContext({ ca: [...rootCertificates, extraCaPem] });
    if (contexts.size >= MAX_CONTEXTS) contexts.clear();
    contexts.set(extraCaPem, context);
  }
  return context;
}

// The protocols a mailbox probe can test, in the order every list shows them. Zod-free so the renderer's Test
// mailbox panel can draw its rows from it; probes/schema.ts builds ProbeProtocolSchema on it and re-exports it.
export const PROBE_PROTOCOLS = ['imap', 'pop', 'smtp', 'graph'] as const;

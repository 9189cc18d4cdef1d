// Size limits of the text that crosses IPC, in one zod-free place: the schemas enforce them (result.ts,
// findings-schema.ts, contract.ts) and the code that builds or accepts such text clips to them (the finding
// factory, the Inspect page's paste box), so the renderer knows them without loading a schema.

/** Largest text the renderer may send in one call (pasted logs, token responses). */
export const MAX_INPUT_CHARS = 1024 * 1024;
/** An error's or a finding's message, and its next step: one line each. */
export const MAX_MESSAGE_CHARS = 2000;
/** Non-secret detail of an error or a finding (the server's words), already redacted. */
export const MAX_DETAIL_CHARS = 8000;
/** The field, claim or parameter a finding names. */
export const MAX_FIELD_CHARS = 200;

// Turns pasted error text into explanation cards: one per AADSTS code (known or plainly marked unknown), or per
// bare OAuth error when no code is present, plus the support ids to keep. Fixes use the product's wording when
// a preset is given.
import type { PresetId } from '../presets';
import { AADSTS_BY_CODE, OAUTH_ERRORS } from './catalog';
import { parseErrorText } from './parse';
import type { ExplainCard, ExplainResult } from './schema';

export type { ExplainCard, ExplainResult };

export function explainCode(code: number, preset?: PresetId, serverText?: string): ExplainCard {
  const entry = AADSTS_BY_CODE.get(code);
  const base = serverText === undefined ? {} : { serverText };
  if (!entry) {
    return {
      code: `AADSTS${code}`,
      known: false,
      title: `AADSTS${code}: not in this app's catalog`,
      category: 'unknown',
      meaning: `This app does not know AADSTS${code}.${serverText ? " The server's own words are shown below." : ''}`,
      cause: 'Unknown to this app; Microsoft adds and changes codes over time.',
      fix: `Look it up on Microsoft's error lookup page, and keep the trace and correlation IDs for support.`,
      lookupUrl: `https://login.microsoftonline.com/error?code=${code}`,
      ...base,
    };
  }
  const fix = (preset && entry.presetFix?.[preset]) ?? entry.fix;
  return {
    code: `AADSTS${code}`,
    known: true,
    title: `AADSTS${code} · ${entry.name}`,
    category: entry.category,
    meaning: entry.meaning,
    cause: entry.cause,
    fix,
    ...(entry.field === undefined ? {} : { field: entry.field }),
    ...(entry.note === undefined ? {} : { note: entry.note }),
    ...base,
  };
}

export function explain(text: string, preset?: PresetId): ExplainResult {
  const p = parseErrorText(text);
  const cards = p.codes.map((c) => explainCode(c.code, preset, c.serverText));
  if (cards.length === 0) {
    for (const name of p.oauthErrors) {
      const o = OAUTH_ERRORS[name];
      cards.push({
        code: name,
        known: o !== undefined,
        title: name,
        category: 'oauth',
        meaning: o?.meaning ?? `OAuth error "${name}".`,
        cause: 'No AADSTS code was included, so the exact reason is not known.',
        fix: o?.fix ?? 'Find the full error (with its AADSTS code) in the product log or Entra sign-in logs.',
      });
    }
  }
  const unknown = cards.filter((c) => !c.known).map((c) => c.code);
  const summary =
    cards.length === 0
      ? 'No AADSTS code or OAuth error was found in this text. Paste the full error (product log line, error page or JSON body), or look up the failed sign-in in Entra ID > Monitoring > Sign-in logs.'
      : `${cards.length} error${cards.length > 1 ? 's' : ''} found${unknown.length ? `; not in this app's catalog: ${unknown.join(', ')}` : ''}.`;
  return {
    cards,
    traceIds: [...p.traceIds],
    correlationIds: [...p.correlationIds],
    timestamps: [...p.timestamps],
    summary,
  };
}

// Turns pasted error text into explanation cards: one per AADSTS code (explained in detail for the codes a mail
// integration meets, by meaning for every other code of Microsoft's reference, plainly marked when unknown), one per
// mail-server or Microsoft Graph answer, or one per bare OAuth error when neither is present, plus the support ids to
// keep. Next steps end in the product's own words when a preset is given.
import type { PresetId } from '../presets';
import type { AnswerId } from './answer-rules';
import { AADSTS_BY_CODE, OAUTH_ERRORS } from './catalog';
import { categoryAdvice } from './categories';
import { mailAnswer } from './mail-answers';
import { MAX_CODES, MAX_EXPLAIN_CHARS, parseErrorText } from './parse';
import { fieldName, productStep } from './product-words';
import { REFERENCE_CODES, type ReferenceCode } from './reference-codes';
import type { ExplainCard, ExplainResult } from './schema';

export type { ExplainCard, ExplainResult };

const REFERENCE_BY_CODE: ReadonlyMap<number, ReferenceCode> = new Map(REFERENCE_CODES.map((r) => [r.code, r]));

const lookupUrl = (code: number): string => `https://login.microsoftonline.com/error?code=${code}`;

/** True when this app explains the code: in detail (catalog) or by its meaning (the rest of Microsoft's reference). */
export function isKnownAadsts(code: number): boolean {
  return AADSTS_BY_CODE.has(code) || REFERENCE_BY_CODE.has(code);
}

export function explainCode(code: number, preset?: PresetId, serverText?: string): ExplainCard {
  const base = serverText === undefined ? {} : { serverText };
  const entry = AADSTS_BY_CODE.get(code);
  if (entry) {
    const fix =
      preset === undefined
        ? entry.fix
        : (entry.presetFix?.[preset] ?? `${entry.fix} ${productStep(preset, entry.field, entry.category)}`);
    return {
      code: `AADSTS${code}`,
      known: true,
      title: `AADSTS${code} · ${entry.name}`,
      category: entry.category,
      meaning: entry.meaning,
      cause: entry.cause,
      fix,
      ...(entry.field === undefined ? {} : { field: entry.field, fieldLabel: fieldName(entry.field, preset) }),
      ...(entry.note === undefined ? {} : { note: entry.note }),
      ...(entry.listing === undefined ? {} : { listing: entry.listing.note }),
      ...base,
    };
  }
  const ref = REFERENCE_BY_CODE.get(code);
  if (ref) {
    const advice = categoryAdvice(ref.category);
    return {
      code: `AADSTS${code}`,
      known: true,
      title: `AADSTS${code} · ${ref.name}`,
      category: ref.category,
      meaning: ref.meaning,
      cause: advice.cause,
      fix: preset === undefined ? advice.fix : `${advice.fix} ${productStep(preset, undefined, ref.category)}`,
      lookupUrl: lookupUrl(code),
      ...base,
    };
  }
  return {
    code: `AADSTS${code}`,
    known: false,
    title: `AADSTS${code}: not in this app's catalog`,
    category: 'unknown',
    meaning: `This app does not know AADSTS${code}.${serverText ? " The server's own words are shown below." : ''}`,
    cause: "Not in Microsoft's error reference this app was built from; Microsoft adds and changes codes over time.",
    fix: `Look it up on Microsoft's error lookup page, and keep the trace and correlation IDs for support.`,
    lookupUrl: lookupUrl(code),
    ...base,
  };
}

/** A mail server's or Microsoft Graph's answer explained; the id comes from the parser's rules. */
export function explainAnswer(id: AnswerId, preset?: PresetId, serverText?: string): ExplainCard {
  const a = mailAnswer(id);
  if (a === undefined) throw new Error(`No explanation for the answer "${id}".`);
  const fix =
    preset === undefined ? a.fix : (a.presetFix?.[preset] ?? `${a.fix} ${productStep(preset, a.productField, 'mail')}`);
  return {
    code: id,
    known: true,
    title: `${id} · ${a.name}`,
    category: a.protocol,
    meaning: a.meaning,
    cause: a.cause,
    fix,
    ...(a.field === undefined ? {} : { field: a.field, fieldLabel: fieldName(a.field, preset) }),
    ...(a.note === undefined ? {} : { note: a.note }),
    ...(serverText === undefined ? {} : { serverText, answeredBy: a.answeredBy }),
    docs: [...a.docs],
  };
}

export function explain(text: string, preset?: PresetId): ExplainResult {
  const p = parseErrorText(text);
  const cards = [
    ...p.codes.map((c) => explainCode(c.code, preset, c.serverText)),
    ...p.answers.map((a) => explainAnswer(a.id, preset, a.serverText)),
  ];
  if (p.codes.length === 0) {
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
  const cut =
    (p.truncated
      ? ` Only the first ${MAX_EXPLAIN_CHARS / (1024 * 1024)} MiB of the ${text.length.toLocaleString('en-US')} characters were read.`
      : '') +
    (p.tooManyCodes
      ? ` The text holds more than ${MAX_CODES} different codes; only the first ${MAX_CODES} are shown.`
      : '');
  const summary =
    cards.length === 0
      ? `No AADSTS code, OAuth error or mail server answer was found in this text. Paste the full error (product log line, error page or JSON body), or look up the failed sign-in in Entra ID > Monitoring & health > Sign-in logs.${cut}`
      : `${cards.length} error${cards.length > 1 ? 's' : ''} found${unknown.length ? `; not in this app's catalog: ${unknown.join(', ')}` : ''}.${cut}`;
  return {
    cards,
    traceIds: [...p.traceIds],
    correlationIds: [...p.correlationIds],
    timestamps: [...p.timestamps],
    summary,
    truncated: p.truncated || p.tooManyCodes,
  };
}

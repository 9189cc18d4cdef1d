// The catalog against Microsoft's reference: every code of the extracted list (build/reference/entra-error-codes.txt,
// the version named in AADSTS_REFERENCE) is explained, under Microsoft's own internal name where the reference gives
// one; the codes a mail integration meets (at least 140) carry cause, fix and wording for every product; codes the
// reference does not list are kept and marked. A gap after regenerating the list from a newer reference fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_LIST_FILE, parseCodeList } from '../../../../build/extract-entra-codes';
import {
  AADSTS_CATALOG,
  AADSTS_REFERENCE,
  REFERENCE_CODES,
  explain,
  explainCode,
  isKnownAadsts,
} from '../../../../shared/explain';
import { PRESETS, presetById } from '../../../../shared/presets';

const list = parseCodeList(readFileSync(CODE_LIST_FILE, 'utf8'));
const listed = new Map(list.codes.map((c) => [c.code, c.name]));
const nameOf = (code: number) =>
  AADSTS_CATALOG.find((e) => e.code === code)?.name ?? REFERENCE_CODES.find((r) => r.code === code)?.name;

describe('the AADSTS catalog against the reference it records', () => {
  it('names the version the list was extracted from', () => {
    expect(list.commit).toBe(AADSTS_REFERENCE.commit);
    const [month, day, year] = list.msDate.split('/');
    expect(`${year}-${month}-${day}`).toBe(AADSTS_REFERENCE.msDate);
    expect(list.codes.length).toBeGreaterThan(300);
    expect(new Set(list.codes.map((c) => c.code)).size).toBe(list.codes.length);
  });

  it('explains every code of the reference, with a meaning of its own', () => {
    const missing = list.codes.filter((c) => !isKnownAadsts(c.code)).map((c) => c.code);
    expect(missing).toEqual([]);
    for (const { code } of list.codes) {
      const card = explainCode(code);
      expect(card.known, `${code}`).toBe(true);
      expect(card.meaning.length, `${code}`).toBeGreaterThan(10);
      expect(card.meaning, `${code}`).not.toMatch(/does not know/);
    }
  });

  it("uses Microsoft's internal name wherever the reference gives one", () => {
    const differing = list.codes
      .filter((c) => c.name !== '' && nameOf(c.code) !== c.name)
      .map((c) => `${c.code}: ${nameOf(c.code)} vs ${c.name}`);
    expect(differing).toEqual([]);
  });

  it('holds each code once: in detail (catalog) or by meaning (reference codes), not both', () => {
    const detailed = new Set(AADSTS_CATALOG.map((e) => e.code));
    expect(detailed.size).toBe(AADSTS_CATALOG.length);
    expect(REFERENCE_CODES.filter((r) => detailed.has(r.code)).map((r) => r.code)).toEqual([]);
    expect(new Set(REFERENCE_CODES.map((r) => r.code)).size).toBe(REFERENCE_CODES.length);
  });

  it('marks every explained code the reference does not list, and lists the rest', () => {
    for (const e of AADSTS_CATALOG) {
      if (listed.has(e.code)) expect(e.listing, `${e.code} is listed, so not marked`).toBeUndefined();
      else {
        expect(e.listing?.status, `${e.code} is not in the reference`).toMatch(/^(unlisted|retired)$/);
        expect(explainCode(e.code).listing).toBe(e.listing?.note);
      }
    }
    for (const r of REFERENCE_CODES) expect(listed.has(r.code), `${r.code}`).toBe(true);
    expect(explainCode(28000).listing).toMatch(/Not in Microsoft's error code reference/);
  });

  it('explains at least 140 codes for mail integrations with cause, fix and the wording of every product', () => {
    expect(AADSTS_CATALOG.length).toBeGreaterThanOrEqual(140);
    for (const e of AADSTS_CATALOG) {
      for (const k of ['meaning', 'cause', 'fix'] as const) expect(e[k].length, `${e.code} ${k}`).toBeGreaterThan(5);
      const generic = explainCode(e.code).fix;
      for (const p of PRESETS) {
        const fix = explainCode(e.code, p.id).fix;
        expect(fix, `${e.code} for ${p.id}`).not.toBe(generic);
        // The product's own name or one of its field labels: the step is said in its words.
        const words = [p.label, ...p.fields.map((f) => f.label)];
        expect(
          words.some((w) => fix.includes(w)),
          `${e.code} for ${p.id}: ${fix}`,
        ).toBe(true);
      }
    }
  });

  it('gives one reference-only code per line a known card, through the same explain() the CLI runs', () => {
    const text = REFERENCE_CODES.map((r) => `AADSTS${r.code}`).join('\n');
    const r = explain(text, 'servicely');
    expect(r.cards).toHaveLength(REFERENCE_CODES.length);
    expect(r.cards.every((c) => c.known)).toBe(true);
    // Cause and fix say who acts; with a product, the step ends in its words.
    expect(r.cards[0]?.fix).toContain(presetById('servicely').label);
  });
});

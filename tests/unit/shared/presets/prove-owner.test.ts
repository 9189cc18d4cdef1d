// Every preset says how to prove whose token the product holds: ServiceNow by its own store (the background script
// the app generates), every other product plainly has no such facility and names the other ways. The field sheet
// carries it as its last note, in the product's name.
import { describe, expect, it } from 'vitest';
import { buildFieldSheet } from '../../../../shared/handover';
import { PRESETS } from '../../../../shared/presets';
import { PresetSchema } from '../../../../shared/presets/schema';
import { OK_VERDICT, RUN } from '../../../support/handover-fixtures';

describe('how to prove whose token the product holds', () => {
  it('is stated for every preset: ServiceNow’s script, the others say they have none and what to do instead', () => {
    for (const p of PRESETS) {
      expect(PresetSchema.parse(p).proveOwner).toEqual(p.proveOwner);
      expect(p.proveOwner.text).toContain('connection test');
      if (p.id === 'servicenow') {
        expect(p.proveOwner.facility).toBe('product-script');
        expect(p.proveOwner.text).toContain('Scripts - Background');
      } else {
        expect(p.proveOwner.facility).toBe('none');
        expect(p.proveOwner.text).toContain('Product session');
        expect(p.proveOwner.text).toContain('Sign-in logs');
      }
    }
  });

  it('is the field sheet’s last note, naming the product', () => {
    const sheet = buildFieldSheet({ run: RUN, verdict: OK_VERDICT, findings: [], secretHeld: true });
    const last = sheet.notes.at(-1);
    expect(last?.id).toBe('prove-owner');
    expect(last?.text).toMatch(/^How to prove whose token ServiceNow holds: Ask ServiceNow itself/);
  });
});

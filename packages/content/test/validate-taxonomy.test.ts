import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { validateTaxonomy } from '../src/validate-taxonomy.ts';
import { localizedName } from '../src/taxonomy.ts';
import { messagesOf, realTaxonomy, taxonomySource } from './helpers.ts';

const fixturesDir = new URL('./fixtures/taxonomy/', import.meta.url);
const cases = readdirSync(fixturesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

describe('validateTaxonomy fixtures', () => {
  it.each(cases)('%s', (name) => {
    const file = new VFile({ path: 'taxonomy.yaml', value: readFileSync(new URL(`${name}/taxonomy.yaml`, fixturesDir), 'utf8') });
    const taxonomy = validateTaxonomy(file);
    const expected = readFileSync(new URL(`${name}/expected.txt`, fixturesDir), 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(expected.length).toBeGreaterThan(0);
    expect(messagesOf(file)).toEqual(expected);
    expect(taxonomy).toBeUndefined();
    expect(file.messages.every((message) => message.fatal === true && message.source === 'kb')).toBe(true);
  });
});

describe('validateTaxonomy with the real content/taxonomy.yaml', () => {
  const file = new VFile({ path: 'taxonomy.yaml', value: taxonomySource });
  const taxonomy = validateTaxonomy(file);

  it('parses without messages', () => {
    expect(messagesOf(file)).toEqual([]);
    expect(taxonomy).toBeDefined();
  });

  it('has the products, areas and severities of the file', () => {
    expect(taxonomy?.provider).toEqual({ name: 'Nimbus Cloud', cli: 'nimbus' });
    expect(taxonomy?.products.map((product) => product.id)).toEqual([
      'compute', 'vnet', 'object-storage', 'block-storage', 'backup', 'iam', 'kubernetes', 'dns', 'mail-relay',
    ]);
    expect(taxonomy?.areas.map((area) => area.id)).toEqual([
      'virtualization', 'networking', 'storage', 'backup', 'identity', 'containers', 'messaging',
    ]);
    expect(taxonomy?.severities.map((severity) => severity.id)).toEqual(['sev1', 'sev2', 'sev3', 'sev4']);
    expect(taxonomy?.products.find((product) => product.id === 'object-storage')?.areas).toEqual(['storage', 'identity', 'networking']);
  });

  it('lists only known areas for every product', () => {
    const areaIds = new Set(taxonomy?.areas.map((area) => area.id));
    for (const product of taxonomy?.products ?? []) {
      for (const area of product.areas) expect(areaIds.has(area), `${product.id} → ${area}`).toBe(true);
    }
  });

  it('reads localized names, falling back to English', () => {
    const storage = taxonomy?.products.find((product) => product.id === 'object-storage');
    expect(storage && localizedName(storage, 'zh-TW')).toBe('物件儲存');
    expect(storage && localizedName(storage, 'en')).toBe('Object Storage');
    expect(storage && localizedName(storage, 'fr')).toBe('Object Storage');
  });
});

describe('validateTaxonomy defaults', () => {
  it('fills names, description and severities when they are left out', () => {
    const file = new VFile({
      path: 'taxonomy.yaml',
      value: 'provider:\n  name: Acme\nareas:\n  - id: storage\n    name: Storage\nproducts:\n  - id: disks\n    name: Disks\n    areas: [storage]\n',
    });
    const taxonomy = validateTaxonomy(file);
    expect(file.messages).toEqual([]);
    expect(taxonomy).toEqual({
      provider: { name: 'Acme' },
      areas: [{ id: 'storage', name: 'Storage', names: {} }],
      products: [{ id: 'disks', name: 'Disks', names: {}, description: '', descriptions: {}, areas: ['storage'] }],
      severities: [],
    });
  });
});

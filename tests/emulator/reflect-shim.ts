// Owns the one global @peculiar/x509 needs before it loads: its DI container (tsyringe) refuses to start
// without a Reflect metadata API. The emulator never uses decorator metadata, so a tiny WeakMap-backed
// store covering the four calls tsyringe makes replaces a dependency on reflect-metadata.
type MetadataStore = WeakMap<object, Map<unknown, unknown>>;
const store: MetadataStore = new WeakMap();
const r = Reflect as unknown as Record<string, unknown>;

if (typeof r.getMetadata !== 'function') {
  const own = (key: unknown, target: object): unknown => store.get(target)?.get(key);
  r.defineMetadata = (key: unknown, value: unknown, target: object): void => {
    const m = store.get(target) ?? new Map<unknown, unknown>();
    m.set(key, value);
    store.set(target, m);
  };
  r.getOwnMetadata = own;
  r.getMetadata = (key: unknown, target: object): unknown => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const v = own(key, t);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  r.hasMetadata = (key: unknown, target: object): boolean =>
    r.getMetadata !== undefined && (r.getMetadata as (k: unknown, t: object) => unknown)(key, target) !== undefined;
}

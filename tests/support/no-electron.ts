// Guard: a unit or integration test must never load Electron (there is no binary here, and services must
// run in plain Node). Any attempt fails the test with a clear message.
import Module from 'node:module';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Load };
const original = mod._load;
mod._load = function guardedLoad(request: string, parent: unknown, isMain: boolean): unknown {
  if (request === 'electron' || request.startsWith('electron/')) {
    throw new Error(
      `A Node test tried to load "${request}". Only electron/main.ts, window.ts, preload.ts, ipc.ts and electron/platform/* may import Electron; test services through their interfaces.`,
    );
  }
  return original.call(this, request, parent, isMain);
};

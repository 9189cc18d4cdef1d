// The method names of the contract, without the schemas: the preload imports only this, so the sandboxed
// preload bundle stays tiny. A unit test asserts it equals Object.keys(contract).
import type { MethodName } from './contract';

export const METHOD_NAMES = [
  'app.info',
  'tokens.verify',
  'authorize.start',
  'authorize.status',
  'authorize.cancel',
  'authorize.chooseCa',
  'authorize.startOver',
  'diagnose.online',
  'probes.run',
  'probes.results',
  'probes.cancel',
  'handover.sheet',
  'handover.copy',
  'handover.export',
  'handover.report',
  'profiles.list',
  'profiles.save',
  'profiles.load',
  'profiles.rename',
  'profiles.delete',
  'settings.get',
  'settings.set',
  'settings.openLogFolder',
  'productSession.open',
  'productSession.status',
  'productSession.close',
  'audit.run',
  'audit.cancel',
  'watch.status',
  'appOnly.run',
  'appOnly.chooseCertificate',
] as const satisfies readonly MethodName[];

/** `app.info` → ['app', 'info']: the renderer calls window.api.app.info(req). */
export const splitMethod = (name: string): [string, string] => {
  const i = name.indexOf('.');
  return [name.slice(0, i), name.slice(i + 1)];
};

// app.info: who we are and where we run. No Electron import: the caller passes the runtime facts in.
import { CLOUD_LIST } from '../../../shared/cloud/clouds';
import type { AppInfo } from '../../../shared/contract';

export interface RuntimeFacts {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly runtime: AppInfo['runtime'];
  readonly versions: Readonly<Record<string, string | undefined>>;
}

export function appInfo(facts: RuntimeFacts): AppInfo {
  const platform =
    facts.platform === 'win32' || facts.platform === 'darwin' || facts.platform === 'linux' ? facts.platform : 'other';
  const versions: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts.versions)) if (typeof v === 'string') versions[k] = v;
  return {
    name: facts.name,
    version: facts.version,
    platform,
    runtime: facts.runtime,
    versions,
    clouds: [...CLOUD_LIST],
  };
}

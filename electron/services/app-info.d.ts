import type { AppInfo } from '../../shared/contract';
export interface RuntimeFacts {
    readonly name: string;
    readonly version: string;
    readonly platform: string;
    readonly runtime: AppInfo['runtime'];
    readonly versions: Readonly<Record<string, string | undefined>>;
}
export declare function appInfo(facts: RuntimeFacts): AppInfo;

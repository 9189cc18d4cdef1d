import { type RuntimeFacts } from './app-info';
import type { HandlerTable } from './dispatch';
export interface ServiceDeps {
    readonly runtime: RuntimeFacts;
}
export declare function createHandlers(deps: ServiceDeps): HandlerTable;

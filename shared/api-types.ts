// The typed shape of window.api, derived from the contract: api.app.info(req) → Promise<Result<AppInfo>>.
import type { Contract, MethodName, RequestOf, ResponseOf } from './contract';
import type { Result } from './result';

type NamespaceOf<M extends string> = M extends `${infer N}.${string}` ? N : never;
type LeafOf<M extends string, N extends string> = M extends `${N}.${infer L}` ? L : never;

type Call<M extends MethodName> = (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;

export type Api = {
  [N in NamespaceOf<MethodName>]: {
    [L in LeafOf<MethodName, N>]: Call<Extract<`${N}.${L}`, MethodName>>;
  };
};
export type { Contract };

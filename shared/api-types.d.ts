import type { Contract, MethodName, RequestOf, ResponseOf } from './contract';
import type { Result } from './result';
type NamespaceOf<M extends string> = M extends `${infer N}.${string}` ? N : never;
type LeafOf<M extends string, N extends string> = M extends `${N}.${infer L}` ? L : never;
export type Api = {
    [N in NamespaceOf<MethodName>]: {
        [L in LeafOf<MethodName, N>]: `${N}.${L}` extends MethodName ? (request: RequestOf<`${N}.${L}`>) => Promise<Result<ResponseOf<`${N}.${L}`>>> : never;
    };
};
export type { Contract };

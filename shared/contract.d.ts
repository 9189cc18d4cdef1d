import { z } from 'zod';
/** Largest text the renderer may send in one call (pasted logs, token responses). */
export declare const MAX_INPUT_CHARS: number;
export declare const AppInfoSchema: z.ZodObject<{
    name: z.ZodString;
    version: z.ZodString;
    platform: z.ZodEnum<{
        win32: "win32";
        darwin: "darwin";
        linux: "linux";
        other: "other";
    }>;
    runtime: z.ZodEnum<{
        electron: "electron";
        harness: "harness";
        node: "node";
    }>;
    versions: z.ZodRecord<z.ZodString, z.ZodString>;
    clouds: z.ZodArray<z.ZodObject<{
        id: z.ZodEnum<{
            global: "global";
            "usgov-high": "usgov-high";
            "usgov-dod": "usgov-dod";
            china: "china";
            custom: "custom";
        }>;
        label: z.ZodString;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type AppInfo = z.infer<typeof AppInfoSchema>;
export declare const JwtPartsSchema: z.ZodObject<{
    header: z.ZodRecord<z.ZodString, z.ZodUnknown>;
    claims: z.ZodRecord<z.ZodString, z.ZodUnknown>;
}, z.core.$strip>;
export declare const TokensInspectRequestSchema: z.ZodObject<{
    token: z.ZodString;
}, z.core.$strict>;
export declare const TokensInspectResponseSchema: z.ZodObject<{
    header: z.ZodRecord<z.ZodString, z.ZodUnknown>;
    claims: z.ZodRecord<z.ZodString, z.ZodUnknown>;
}, z.core.$strip>;
export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
    readonly request: Req;
    readonly response: Res;
    /** One line for docs and the contract test. */
    readonly summary: string;
}
export declare const contract: {
    readonly 'app.info': {
        readonly request: z.ZodObject<{}, z.core.$strict>;
        readonly response: z.ZodObject<{
            name: z.ZodString;
            version: z.ZodString;
            platform: z.ZodEnum<{
                win32: "win32";
                darwin: "darwin";
                linux: "linux";
                other: "other";
            }>;
            runtime: z.ZodEnum<{
                electron: "electron";
                harness: "harness";
                node: "node";
            }>;
            versions: z.ZodRecord<z.ZodString, z.ZodString>;
            clouds: z.ZodArray<z.ZodObject<{
                id: z.ZodEnum<{
                    global: "global";
                    "usgov-high": "usgov-high";
                    "usgov-dod": "usgov-dod";
                    china: "china";
                    custom: "custom";
                }>;
                label: z.ZodString;
            }, z.core.$strip>>;
        }, z.core.$strip>;
        readonly summary: "Version, platform and the list of clouds.";
    };
    readonly 'tokens.inspect': {
        readonly request: z.ZodObject<{
            token: z.ZodString;
        }, z.core.$strict>;
        readonly response: z.ZodObject<{
            header: z.ZodRecord<z.ZodString, z.ZodUnknown>;
            claims: z.ZodRecord<z.ZodString, z.ZodUnknown>;
        }, z.core.$strip>;
        readonly summary: "Decode a JWT (header and claims) without verifying it.";
    };
};
export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;

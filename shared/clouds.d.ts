import { z } from 'zod';
export declare const CloudIdSchema: z.ZodEnum<{
    global: "global";
    "usgov-high": "usgov-high";
    "usgov-dod": "usgov-dod";
    china: "china";
    custom: "custom";
}>;
export type CloudId = z.infer<typeof CloudIdSchema>;
export interface HostPort {
    readonly host: string;
    readonly port: number;
}
export interface Sourced<T> {
    readonly value: T;
    /** true when Microsoft documents this value for this cloud; false when derived by pattern. */
    readonly verified: boolean;
    readonly note?: string;
}
export interface Cloud {
    readonly id: CloudId;
    readonly label: string;
    /** Authority host, e.g. login.microsoftonline.com. */
    readonly loginHost: string;
    /** Other login hosts seen in older docs for the same cloud. */
    readonly legacyLoginHosts: readonly string[];
    readonly graphHost: Sourced<string>;
    /** Resource for delegated IMAP/POP/SMTP scopes: https://<host>/IMAP.AccessAsUser.All. */
    readonly outlookResourceHost: Sourced<string>;
    /** Resource for app-only (client credentials) Exchange access: https://<host>/.default. */
    readonly outlookAppOnlyResourceHost: Sourced<string>;
    readonly imap: Sourced<HostPort>;
    readonly pop: Sourced<HostPort>;
    readonly smtp: Sourced<HostPort>;
}
export declare const CLOUDS: Readonly<Record<Exclude<CloudId, 'custom'>, Cloud>>;
/** A custom authority: an on-premises test tenant or the built-in emulator (host + CA file). */
export declare const CustomAuthoritySchema: z.ZodObject<{
    authorityHost: z.ZodString;
    graphHost: z.ZodString;
    outlookResourceHost: z.ZodString;
    caFile: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type CustomAuthority = z.infer<typeof CustomAuthoritySchema>;
export declare const CLOUD_LIST: readonly {
    id: CloudId;
    label: string;
}[];
/** Every login host we recognise, mapped to its cloud. */
export declare function cloudForLoginHost(host: string): Exclude<CloudId, 'custom'> | undefined;

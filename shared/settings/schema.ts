// The app's settings: the theme override, how long a sign-in window may stay open, how long a copied secret stays
// on the clipboard, and an HTTP proxy for the parts that honour one. Kept by main in the data folder
// (electron/services/settings); main reads them where they matter (the authorize flow's time limit, the clipboard
// guard, MSAL and the probes' connections), so the renderer only shows and changes them, never sends them with a
// request. Pure zod: the renderer imports only the types and the defaults.
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

export const SIGN_IN_MINUTES = { min: 1, max: 30 } as const;
export const CLIPBOARD_SECONDS = { min: 5, max: 300 } as const;

/** An HTTP proxy as `http://host:port` (CONNECT tunnels carry the TLS); empty for none. No credentials in it. */
export const ProxyUrlSchema = z
  .string()
  .trim()
  .max(300)
  .regex(
    /^$|^http:\/\/(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\]):\d{1,5}\/?$/,
    'an address such as http://proxy.contoso.com:8080 (http://, a host and a port; no user name or password)',
  )
  .refine((s) => s === '' || Number(/:(\d+)\/?$/.exec(s)?.[1] ?? '0') <= 65535, 'a port between 1 and 65535');

export const SettingsSchema = z
  .object({
    theme: ThemeSchema,
    signInTimeLimitMinutes: z.number().int().min(SIGN_IN_MINUTES.min).max(SIGN_IN_MINUTES.max),
    clipboardClearSeconds: z.number().int().min(CLIPBOARD_SECONDS.min).max(CLIPBOARD_SECONDS.max),
    proxyUrl: ProxyUrlSchema,
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  signInTimeLimitMinutes: 10,
  clipboardClearSeconds: 30,
  proxyUrl: '',
};

export const SETTINGS_FILE_VERSION = 1;

/** The file: every setting optional, so a file from an older version (or one setting gone bad) keeps the rest. */
export const SettingsFileSchema = z.object({
  version: z.number().int().min(1),
  settings: z.record(z.string(), z.unknown()),
});

/** What settings.set takes: any subset of the settings. */
export const SettingsUpdateSchema = SettingsSchema.partial().strict();
export type SettingsUpdate = z.infer<typeof SettingsUpdateSchema>;

/** What the renderer sees: the settings, where the log is written, and which parts use the proxy. */
export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  /** The folder the app writes its log to, when it writes one. */
  logFolder: z.string().optional(),
  /** The parts that go through the proxy when one is set, in the admin's words. */
  proxyUsedBy: z.array(z.string()),
  /** The parts that never use it (they connect directly), in the admin's words. */
  proxyNotUsedBy: z.array(z.string()),
  /** Something the store had to do with the file that the admin must hear about (moved aside). */
  notice: z.object({ code: z.string(), message: z.string(), nextStep: z.string() }).optional(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const OpenLogFolderResponseSchema = z.object({ opened: z.boolean(), folder: z.string() });

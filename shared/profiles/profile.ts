// Saved profiles: named configurations (product, cloud, tenant, client id, redirect URI, accounts, scopes) in
// one JSON file in the app's data folder. The file schema is versioned; a client secret is stored only when
// the user asks, and only as vault ciphertext. Tokens are never part of a profile. Version 2 added what Watch keeps
// (`watch`: credential end dates from an audit, when the app last authorized, a handed-over refresh token's issue
// time); a version 1 file is read as it is (its profiles are valid version 2 profiles) and written back as 2.
import { z } from 'zod';
import { RunConfigSchema } from '../authorize/schema';
import { WatchFactsSchema } from '../watch/schema';

export const PROFILES_FILE_VERSION = 2;
/** Older versions whose profiles parse unchanged under the current schema, so they are upgraded silently. */
export const PROFILES_UPGRADABLE_VERSIONS: readonly number[] = [1];
export const PROFILE_NAME_MAX = 80;

export const ProfileIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/** A secret as stored: which vault sealed it and the base64 ciphertext; never the plain value. */
export const SealedSecretSchema = z
  .object({ vault: z.string().min(1).max(64), ciphertext: z.string().min(1).max(16_384) })
  .strict();
export type SealedSecret = z.infer<typeof SealedSecretSchema>;

export const StoredProfileSchema = z
  .object({
    id: ProfileIdSchema,
    name: z.string().trim().min(1).max(PROFILE_NAME_MAX),
    config: RunConfigSchema,
    secret: SealedSecretSchema.optional(),
    createdAt: z.string().max(40),
    updatedAt: z.string().max(40),
    /** What Watch keeps for this connection (no secret values). */
    watch: WatchFactsSchema.optional(),
    /** When an authorization last started with this profile (main records it). */
    lastUsedAt: z.string().max(40).optional(),
  })
  .strict();
export type StoredProfile = z.infer<typeof StoredProfileSchema>;

/** The envelope: read first so a newer version is recognised even when its profiles would not parse. */
export const ProfilesEnvelopeSchema = z
  .object({ version: z.number().int().min(1), profiles: z.array(z.unknown()) })
  .passthrough();
export const ProfilesFileSchema = z
  .object({ version: z.literal(PROFILES_FILE_VERSION), profiles: z.array(StoredProfileSchema) })
  .strict();
export type ProfilesFile = z.infer<typeof ProfilesFileSchema>;

/** What the renderer sees of a profile: everything but the secret, plus whether one is saved. */
export const ProfileViewSchema = z.object({
  id: ProfileIdSchema,
  name: z.string(),
  config: RunConfigSchema,
  hasSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  watch: WatchFactsSchema.optional(),
  lastUsedAt: z.string().optional(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

/** Something the store had to do with the file that the user must hear about (moved aside, entries dropped). */
export const ProfilesNoticeSchema = z.object({
  code: z.string(),
  message: z.string(),
  nextStep: z.string(),
  movedTo: z.string().optional(),
});
export type ProfilesNotice = z.infer<typeof ProfilesNoticeSchema>;

export const ProfilesListResponseSchema = z.object({
  profiles: z.array(ProfileViewSchema),
  notice: ProfilesNoticeSchema.optional(),
});

export const ProfilesSaveRequestSchema = z
  .object({
    /** Update this profile; absent: a profile with the same name is replaced, else a new one is made. */
    id: ProfileIdSchema.optional(),
    name: z.string().trim().min(1).max(PROFILE_NAME_MAX),
    config: RunConfigSchema,
    /**
     * keep: leave a saved secret as it is · remove: drop it · value: save the given secret · fromTokenSet: save the
     * secret of that authorize run (held by main), so it does not cross IPC again.
     */
    secret: z
      .discriminatedUnion('action', [
        z.object({ action: z.literal('keep') }).strict(),
        z.object({ action: z.literal('remove') }).strict(),
        z.object({ action: z.literal('value'), value: z.string().min(1).max(1024) }).strict(),
        z.object({ action: z.literal('fromTokenSet'), tokenSetId: z.string().min(1).max(64) }).strict(),
      ])
      .default({ action: 'keep' }),
  })
  .strict();
export type ProfilesSaveRequest = z.output<typeof ProfilesSaveRequestSchema>;

export const ProfilesIdRequestSchema = z.object({ id: ProfileIdSchema }).strict();
export const ProfilesRenameRequestSchema = z
  .object({ id: ProfileIdSchema, name: z.string().trim().min(1).max(PROFILE_NAME_MAX) })
  .strict();
export const ProfilesLoadResponseSchema = ProfileViewSchema;
export const ProfilesDeleteResponseSchema = z.object({ deleted: z.boolean() });

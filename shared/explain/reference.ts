// Which version of Microsoft's AADSTS reference the catalog was checked against. build/reference/entra-error-codes.txt
// holds that version's code list (extracted by build/extract-entra-codes.ts); the reference test compares the two.
// The entra-docs snapshot is too large to fetch whole here, so the page was read at this commit from the indexed copy;
// the two other stored versions (2024-04-24 in entra-docs, 2020-04-30 in azure-docs) list no code this one lacks.

export const AADSTS_REFERENCE = {
  title: 'Microsoft Entra authentication and authorization error codes',
  repository: 'MicrosoftDocs/entra-docs',
  path: 'docs/identity-platform/reference-error-codes.md',
  commit: '3164b3b5d031edef0ad334ba09d3ea6dcb619c1a',
  /** The page's ms.date (MM/DD/YYYY there). */
  msDate: '2025-02-03',
  url: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
} as const;

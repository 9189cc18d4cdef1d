// The offline lint rules: each looks at the typed configuration and reports what will break, at which field,
// why, and what to do next, in the Azure portal's names for the fields (FIELD_NAMES). Pure and fast enough for every keystroke.
// One file per part of the configuration; RULES keeps their order (characters first, accounts last). The traps
// come from the admin guides the product was specified from: Motadata ServiceOps' "Azure OAuth Configuration
// Troubleshooting", the ServiceNow community article on Office 365 IMAP/SMTP OAuth, "Enable OAuth2 Authorization
// in your Microsoft o365 Account" (Email This Issue) and Atlassian's "Detailed steps to configure OAuth 2.0
// integration with Microsoft Azure".
import { ACCOUNT_RULES } from './accounts';
import { CHARACTER_RULES } from './characters';
import type { LintRule } from './context';
import { ENDPOINT_RULES } from './endpoints';
import { REDIRECT_RULES } from './redirect-uri';
import { SCOPE_RULES } from './scopes';
import { SECRET_RULES } from './secret';
import { TENANT_CLIENT_RULES } from './tenant-client';

export { FIELD_NAMES, FIELD_VALUE, buildContext, type Hit, type LintContext, type LintRule } from './context';

export const RULES: readonly LintRule[] = [
  ...CHARACTER_RULES,
  ...TENANT_CLIENT_RULES,
  ...SECRET_RULES,
  ...ENDPOINT_RULES,
  ...SCOPE_RULES,
  ...REDIRECT_RULES,
  ...ACCOUNT_RULES,
];

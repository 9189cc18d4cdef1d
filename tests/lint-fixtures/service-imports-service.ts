// Fixture (near miss): a service importing another service and shared/ passes.
import { settleOnce } from '../authorize/auth-browser';
import { matchesRedirectUri } from '../../../shared/authorize/redirect-uri';
export const x = [settleOnce, matchesRedirectUri] as const;

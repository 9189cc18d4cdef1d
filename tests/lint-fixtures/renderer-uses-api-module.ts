// Fixture (near miss): a feature imports `api` from renderer/src/api.ts and may use other window members.
import { api } from '../../api';
export const tokens = api.tokens;
export const route = (): string => window.location.hash;

import { fileURLToPath } from 'node:url';

/** The repository root and its git-ignored `.data/` folder, where local PostgreSQL and Redis keep state. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const DATA_DIR = `${REPO_ROOT}.data`;

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `pnpm dev`: the API runs on :3000 (packages/server), Vite serves the app and forwards API calls to it. */
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/trpc': api, '/healthz': api, '/readyz': api },
  },
});

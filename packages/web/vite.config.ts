import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin, transformWithOxc } from 'vite';

/** `pnpm dev`: the API runs on :3000 (packages/server), Vite serves the app and forwards API calls to it. */
const api = 'http://127.0.0.1:3000';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The embed loader (`/widget.js`) that clinic sites include: one small self-contained script
 * (IIFE, no imports, no React), built after the app into the same output directory, so that a
 * plain `vite build --outDir X` yields everything the server serves.
 */
function embedLoader(): Plugin {
  let outDir = 'dist';
  return {
    name: 'hetki-embed-loader',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2019',
          lib: { entry: here('./src/loader/loader.ts'), formats: ['iife'], name: 'HetkiLoader', fileName: () => 'widget.js' },
        },
      });
    },
  };
}

/**
 * In development, `/book/<slug>` and `/book/<slug>/manage` are the widget page (book.html), and
 * `/widget.js` is the loader compiled on request (a classic script, as in the build).
 */
function widgetPageInDev(): Plugin {
  return {
    name: 'hetki-widget-page-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (req.url && /^\/book\/[^/.]+(\/manage)?\/?(\?|#|$)/.test(req.url)) req.url = '/book.html';
        if (req.url?.split('?')[0] !== '/widget.js') return next();
        try {
          const file = here('./src/loader/loader.ts');
          const { code } = await transformWithOxc(await readFile(file, 'utf8'), file, { lang: 'ts' });
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          // Wrapped like the build's IIFE, so nothing leaks into the embedding page's globals.
          res.end(`(() => {\n${code}\n})();\n`);
        } catch (error) {
          next(error);
        }
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), widgetPageInDev(), embedLoader()],
  build: {
    rollupOptions: {
      // The staff app and portal (index.html) and the booking widget page (book.html, no React) are separate entries.
      input: { main: here('./index.html'), book: here('./book.html') },
    },
  },
  server: {
    proxy: { '/trpc': api, '/healthz': api, '/readyz': api },
  },
});

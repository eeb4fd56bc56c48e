import { defineBuild } from '../../config/tsup.base.ts';

/**
 * Node prints an error as `AiGatewayRateLimitError [AI_...]`, by its class's own name, which
 * minification renames (`class e`). The classes get their names back, one `Object.defineProperty`
 * per exported class at the end of the file; every other identifier stays minified (esbuild's
 * keepNames would keep every function's name and add a call per function, also in apps' bundles).
 */
const classNames = {
  name: 'class-names',
  setup(build: { onEnd: (callback: (result: { outputFiles?: { path: string; text: string; contents: Uint8Array }[] }) => void) => void }) {
    build.onEnd(({ outputFiles = [] }) => {
      for (const file of outputFiles) {
        if (!file.path.endsWith('.js')) continue;
        const exports = /export\{([^}]*)\};?\s*(\/\/# sourceMappingURL=\S+\s*)?$/.exec(file.text);
        if (exports === null) throw new Error(`class-names: no export clause in ${file.path}`);
        const named = exports[1]!
          .split(',')
          .map((entry) => entry.trim().split(/\s+as\s+/))
          .filter(([, exported]) => exported !== undefined && /^AiGateway[A-Za-z]*$/.test(exported))
          .map(([local, exported]) => `Object.defineProperty(${local},"name",{value:"${exported}"});`);
        const text = file.text.slice(0, exports.index) + named.join('') + file.text.slice(exports.index);
        Object.defineProperty(file, 'contents', { value: new TextEncoder().encode(text) });
      }
    });
  },
};

export default defineBuild({ entry: ['src/index.ts'], esbuildPlugins: [classNames] });

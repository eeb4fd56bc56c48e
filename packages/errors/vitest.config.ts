import { defineTestConfig } from '../../config/vitest.base.ts';

export default defineTestConfig({ test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] } });

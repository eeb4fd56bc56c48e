import { defineTestConfig } from '../../config/vitest.base.ts';

export default defineTestConfig();

import { defineBuild } from '../../config/tsup.base.ts';

export default defineBuild({ entry: ['src/index.ts'] });

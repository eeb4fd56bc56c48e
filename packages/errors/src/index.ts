export const placeholder = 'errors';

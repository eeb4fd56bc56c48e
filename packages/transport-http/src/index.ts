export const placeholder = 'transport-http';

export const placeholder = 'transport-binding';

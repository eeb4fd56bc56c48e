export const placeholder = 'ai-gateway-provider';

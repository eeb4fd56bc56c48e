import { describe, expect, it } from 'vitest';
import { combineSupportedUrls } from '../src/supported-urls';

const supports = (patterns: Record<string, RegExp[]>, mediaType: string, url: string) =>
  Object.entries(patterns).some(([key, list]) => {
    const k = key.toLowerCase();
    const covers = k === '*' || k === '*/*' || (k.endsWith('/*') ? mediaType.startsWith(k.slice(0, -1)) : mediaType === k);
    return covers && list.some((p) => p.test(url));
  });

describe('combineSupportedUrls', () => {
  it('keeps a URL only when every model of the fallback list supports it', async () => {
    const anyImage = { supportedUrls: { 'image/*': [/^https?:\/\/.*$/] } };
    const pdfAndImages = { supportedUrls: Promise.resolve({ 'image/*': [/^https:\/\/.*$/], 'application/pdf': [/^https:\/\/.*$/] }) };
    const filesApiOnly = { supportedUrls: { '*': [/^https:\/\/generativelanguage\.googleapis\.com\/v1beta\/files\/.*$/] } };

    const two = await combineSupportedUrls([anyImage, pdfAndImages]);
    expect(supports(two, 'image/png', 'https://example.com/cat.png')).toBe(true);
    expect(supports(two, 'image/png', 'http://example.com/cat.png')).toBe(false);
    expect(supports(two, 'application/pdf', 'https://example.com/doc.pdf')).toBe(false);

    const three = await combineSupportedUrls([anyImage, pdfAndImages, filesApiOnly]);
    expect(supports(three, 'image/png', 'https://example.com/cat.png')).toBe(false);
    expect(supports(three, 'image/png', 'https://generativelanguage.googleapis.com/v1beta/files/abc')).toBe(true);
  });

  it('combines at once, without a promise, when every model states its patterns as a record', () => {
    const combined = combineSupportedUrls([{ supportedUrls: { 'image/*': [/^https?:\/\/.*$/] } }, { supportedUrls: { 'IMAGE/*': [/^https:\/\/.*$/] } }, {}]);
    expect(typeof (combined as { then?: unknown }).then).toBe('undefined');
    // A model without patterns supports no URL, so the list supports none.
    expect(supports(combined as Record<string, RegExp[]>, 'image/png', 'https://example.com/cat.png')).toBe(false);
    const two = combineSupportedUrls([{ supportedUrls: { 'image/*': [/^https?:\/\/.*$/] } }, { supportedUrls: { 'IMAGE/*': [/^https:\/\/.*$/] } }]) as Record<string, RegExp[]>;
    expect(supports(two, 'image/png', 'https://example.com/cat.png')).toBe(true);
    expect(supports(two, 'image/png', 'http://example.com/cat.png')).toBe(false);
  });
});

import { generateText, streamText } from 'ai';
import { startStub } from '../src/stub.ts';
import { createVariant, installFetchRedirect, VARIANTS } from '../src/variants.ts';
import { STREAM_TEXT } from '../src/fixtures.ts';
const stub = await startStub();
installFetchRedirect(stub.origin);
for (const name of VARIANTS) {
  const v = createVariant(name, stub.origin);
  const r = await generateText({ model: v.model(), prompt: 'hi' });
  const s = streamText({ model: v.model(), prompt: 'hi' });
  let text = ''; for await (const t of s.textStream) text += t;
  let fb = 'n/a';
  if (v.fallback) { const f = await generateText({ model: v.fallback(), prompt: 'hi' }); fb = f.text + ' ' + JSON.stringify(f.providerMetadata?.aigateway ?? f.response.modelId); }
  console.log(name, r.text, text === STREAM_TEXT, fb);
}
stub.stop();

import { createDeepgram } from '@ai-sdk/deepgram';
import { createElevenLabs } from '@ai-sdk/elevenlabs';
import { speechFor, transcriptFor } from '@aigw/emulator';
import { generateSpeech, transcribe } from 'ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers';

const t = useEmulator();
const audio = new TextEncoder().encode('pretend this is recorded speech');

describe('Deepgram through the gateway', () => {
  const deepgram = createDeepgram({ apiKey: 'dg-key' });

  it('transcribes: the raw audio upload goes to the provider-native path', async () => {
    const result = await transcribe({ model: t.gateway().transcriptionModel(deepgram.transcription('nova-3')), audio });
    expect(result.text).toBe(transcriptFor(audio));
    expect(result.segments.length).toBeGreaterThan(0);
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'provider', status: 200 });
    expect(t.emulator.calls.at(-1)!.path).toMatch(/\/deepgram\/v1\/listen\?model=nova-3/);
    expect(t.emulator.calls.at(-1)!.attempts[0]!.headers.authorization).toBe('[REDACTED]');
  });

  it('speaks, with fallback to a second voice model', async () => {
    const failing = createDeepgram({ apiKey: 'dg-key', headers: { 'x-emulator-fault': JSON.stringify({ status: 500 }) } }).speech('aura-2-thalia-en');
    const result = await generateSpeech({ model: t.gateway().speechModel([failing, deepgram.speech('aura-2-helena-en')]), text: 'hello from deepgram' });
    expect(result.audio.uint8Array).toEqual(speechFor('hello from deepgram'));
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'universal', step: 1 });
  });
});

describe('ElevenLabs through the gateway', () => {
  const elevenlabs = createElevenLabs({ apiKey: 'xi-key' });

  it('speaks (JSON in, audio out) through a universal step', async () => {
    const result = await generateSpeech({ model: t.gateway().speechModel(elevenlabs.speech('eleven_multilingual_v2')), text: 'hello from elevenlabs' });
    expect(result.audio.uint8Array).toEqual(speechFor('hello from elevenlabs'));
    expect(t.emulator.calls.at(-1)!.attempts[0]).toMatchObject({ provider: 'elevenlabs', endpoint: expect.stringMatching(/^v1\/text-to-speech\//) });
    expect(t.emulator.calls.at(-1)!.attempts[0]!.headers['xi-api-key']).toBe('[REDACTED]');
  });

  it('transcribes a multipart upload through the provider-native path', async () => {
    const result = await transcribe({ model: t.gateway().transcriptionModel(elevenlabs.transcription('scribe_v1')), audio });
    expect(result.text).toBe(transcriptFor(audio));
    expect(result.language).toBe('eng');
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'provider', status: 200 });
  });
});

/**
 * Deterministic media: images, speech and transcripts. Speech embeds the input text as its audio
 * payload, so `transcriptFor(speechFor(text))` gives `text` back.
 */
import { concatBytes, crc32, fnv1a, shortHash, toBase64, utf8 } from './binary.js';

function u32be(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, false);
  return out;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concatBytes([utf8(type), data]);
  return concatBytes([u32be(data.length), typed, u32be(crc32(typed))]);
}

/**
 * A valid 1×1 RGB PNG whose colour is the FNV-1a hash of `${index}:${prompt}` (red, green, blue =
 * its three low bytes, high to low).
 */
export function imagePngFor(prompt: string, index = 0): Uint8Array {
  const hash = fnv1a(`${index}:${prompt}`);
  const scanline = new Uint8Array([0, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff]);
  let a = 1;
  let b = 0;
  for (const byte of scanline) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  // zlib stream with one stored (uncompressed) deflate block.
  const zlib = concatBytes([
    new Uint8Array([0x78, 0x01, 0x01, scanline.length, 0, ~scanline.length & 0xff, 0xff]),
    scanline,
    u32be(((b << 16) | a) >>> 0),
  ]);
  const header = concatBytes([u32be(1), u32be(1), new Uint8Array([8, 2, 0, 0, 0])]);
  return concatBytes([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** Base64 of {@link imagePngFor}: the `b64_json` of image `index` for a prompt. */
export function imageBase64For(prompt: string, index = 0): string {
  return toBase64(imagePngFor(prompt, index));
}

const speechContentTypes: Record<string, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
};

/** Content type of a speech `response_format` (`mp3` → `audio/mpeg`, `wav` → `audio/wav`, ...). */
export function speechContentType(format = 'mp3'): string {
  return speechContentTypes[format] ?? 'application/octet-stream';
}

/**
 * Speech bytes for an input text. The payload is the UTF-8 text itself:
 * - `wav`: a valid RIFF/WAVE file, PCM mono 8 kHz 8-bit, whose samples are the text bytes;
 * - `pcm`: the text bytes alone;
 * - anything else (`mp3` default, `opus`, `aac`, `flac`): a 10-byte empty ID3v2.4 tag followed by
 *   the text bytes (MP3-ish, not decodable audio).
 */
export function speechFor(input: string, format = 'mp3'): Uint8Array {
  const payload = utf8(input);
  if (format === 'pcm') return payload;
  if (format === 'wav') {
    const header = new Uint8Array(44);
    const view = new DataView(header.buffer);
    header.set(utf8('RIFF'), 0);
    view.setUint32(4, 36 + payload.length, true);
    header.set(utf8('WAVEfmt '), 8);
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, 8000, true);
    view.setUint32(28, 8000, true);
    view.setUint16(32, 1, true);
    view.setUint16(34, 8, true);
    header.set(utf8('data'), 36);
    view.setUint32(40, payload.length, true);
    return concatBytes([header, payload]);
  }
  return concatBytes([new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]), payload]);
}

function audioPayload(bytes: Uint8Array): Uint8Array {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 12;
    while (offset + 8 <= bytes.length) {
      const size = view.getUint32(offset + 4, true);
      if (ascii(offset, offset + 4) === 'data') return bytes.subarray(offset + 8, offset + 8 + size);
      offset += 8 + size + (size % 2);
    }
    return new Uint8Array(0);
  }
  if (bytes.length >= 10 && ascii(0, 3) === 'ID3') {
    const size = ((bytes[6] ?? 0) << 21) | ((bytes[7] ?? 0) << 14) | ((bytes[8] ?? 0) << 7) | (bytes[9] ?? 0);
    return bytes.subarray(10 + size);
  }
  return bytes;
}

/**
 * The transcript of uploaded audio. The audio payload (the samples of a WAV `data` chunk, the bytes
 * after an ID3v2 tag, or else the whole upload) is decoded as UTF-8; when that succeeds and is
 * printable (no control characters other than tab and newlines), the transcript is that text,
 * trimmed. Otherwise it is `Transcript of <N> bytes: <16 hex digits>` over the whole upload.
 */
export function transcriptFor(audio: Uint8Array): string {
  const payload = audioPayload(audio);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(payload).trim();
    // eslint-disable-next-line no-control-regex
    if (text.length > 0 && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return text;
  } catch {
    // not UTF-8: fall through to the digest form
  }
  return `Transcript of ${audio.length} bytes: ${shortHash(audio)}`;
}


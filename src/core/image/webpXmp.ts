/**
 * Provenance in a WebP: an XMP chunk in the extended RIFF container (VP8X with its XMP flag), the
 * JSON as the text of one property in our own namespace. A simple WebP (VP8 or VP8L alone) is
 * lifted to the extended form, as the WebP container specification describes. Pure: bytes in, bytes out.
 */
import { concat } from '../base/bytes';
import { ByteRangeReader, MAX_HEADERS } from './jpegComment';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });
const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;
const NAMESPACE = 'https://spark-image.dev/ns/provenance/1.0/';
const OPEN = '<spark:provenance>';
const CLOSE = '</spark:provenance>';

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
const u32le = (bytes: Uint8Array, at: number) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;

function le(value: number, size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, index) => (value >>> (8 * index)) & 0xff);
}

export function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && ascii(bytes, 0) === 'RIFF' && ascii(bytes, 8) === 'WEBP';
}

interface RiffChunk {
  type: string;
  start: number;
  end: number;
  data: Uint8Array;
}

function riffChunks(bytes: Uint8Array): RiffChunk[] | undefined {
  const chunks: RiffChunk[] = [];
  const riffEnd = Math.min(bytes.length, 8 + u32le(bytes, 4));
  for (let at = 12; at + 8 <= riffEnd; ) {
    const size = u32le(bytes, at + 4);
    const end = at + 8 + size + (size & 1);
    if (at + 8 + size > riffEnd) {
      return undefined;
    }
    chunks.push({ type: ascii(bytes, at), start: at, end: Math.min(end, riffEnd), data: bytes.subarray(at + 8, at + 8 + size) });
    at = end;
  }
  return chunks.length > 0 ? chunks : undefined;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  return concat([encoder.encode(type), le(data.length, 4), data, new Uint8Array(data.length & 1)]);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, name: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[name.toLowerCase()]) return named[name.toLowerCase()];
    return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
  });
}

/** An XMP packet holding the JSON; other XMP readers see one property in a namespace of ours. */
export function xmpPacket(json: string): string {
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:spark="${NAMESPACE}">${OPEN}${escapeXml(json)}${CLOSE}</rdf:Description>` +
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  );
}

function jsonOfXmp(data: Uint8Array): string | undefined {
  const text = decoder.decode(data);
  const start = text.indexOf(OPEN);
  const end = text.indexOf(CLOSE, start);
  return start < 0 || end < 0 ? undefined : unescapeXml(text.slice(start + OPEN.length, end));
}

/** The VP8X header a simple WebP lacks: canvas size and alpha from its one image chunk. */
function vp8xFor(image: RiffChunk): Uint8Array | undefined {
  let width: number;
  let height: number;
  let alpha = false;
  if (image.type === 'VP8 ' && image.data.length >= 10) {
    width = (image.data[6] | (image.data[7] << 8)) & 0x3fff;
    height = (image.data[8] | (image.data[9] << 8)) & 0x3fff;
  } else if (image.type === 'VP8L' && image.data.length >= 5) {
    const bits = u32le(image.data, 1);
    width = 1 + (bits & 0x3fff);
    height = 1 + ((bits >>> 14) & 0x3fff);
    alpha = ((bits >>> 28) & 1) === 1;
  } else {
    return undefined;
  }
  return concat([new Uint8Array([alpha ? ALPHA_FLAG : 0, 0, 0, 0]), le(width - 1, 3), le(height - 1, 3)]);
}

/** The WebP with our XMP chunk at its end (replacing any XMP chunk) and the VP8X flag set; undefined when malformed. */
export function embedWebp(bytes: Uint8Array, json: string): Uint8Array | undefined {
  const chunks = riffChunks(bytes);
  if (!chunks) {
    return undefined;
  }
  const kept = chunks.filter((each) => each.type !== 'XMP ');
  let header: Uint8Array | undefined;
  if (kept[0].type === 'VP8X' && kept[0].data.length >= 10) {
    header = Uint8Array.from(kept[0].data);
    header[0] |= XMP_FLAG;
    kept.shift();
  } else {
    const body = vp8xFor(kept[0]);
    header = body && concat([new Uint8Array([body[0] | XMP_FLAG]), body.subarray(1)]);
  }
  if (!header) {
    return undefined;
  }
  const body = concat([encoder.encode('WEBP'), chunk('VP8X', header), ...kept.map((each) => bytes.subarray(each.start, each.end)), chunk('XMP ', encoder.encode(xmpPacket(json)))]);
  return concat([encoder.encode('RIFF'), le(body.length, 4), body]);
}

export function readWebp(bytes: Uint8Array): string | undefined {
  const xmp = riffChunks(bytes)?.find((each) => each.type === 'XMP ');
  return xmp && jsonOfXmp(xmp.data);
}

/** Reads only the chunk headers and the XMP chunk; the image data is skipped unread. */
export function readWebpHead(read: ByteRangeReader): string | undefined {
  const riff = read(0, 12);
  const riffEnd = 8 + u32le(riff, 4);
  let at = 12;
  for (let count = 0; count < MAX_HEADERS && at + 8 <= riffEnd; count++) {
    const header = read(at, 8);
    if (header.length < 8) {
      return undefined;
    }
    const size = u32le(header, 4);
    if (ascii(header, 0) === 'XMP ') {
      const data = read(at + 8, size);
      return data.length < size ? undefined : jsonOfXmp(data);
    }
    if (ascii(header, 0) === 'VP8X' && count === 0 && !(read(at + 8, 1)[0] & XMP_FLAG)) {
      return undefined;
    }
    at += 8 + size + (size & 1);
  }
  return undefined;
}


/**
 * Globally unique ids for log entries, made on the device that writes them, so two logs (a
 * backup and the live database, or two devices) merge as a plain union by id.
 *
 * The shape is a ULID: 26 characters of Crockford base32, the first 10 the time in ms (so ids
 * sort by time), then 8 characters that name the device (random, made once per database) and
 * 8 random ones. Two devices never share a device part in practice (40 random bits), and one
 * device would need to write about a million entries in the same millisecond for the random
 * part to repeat.
 */

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const entryIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const deviceIdPattern = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** Random integers in [0, 32), from the platform's cryptographic source. */
function cryptoDigits(count: number): number[] {
  const bytes = new Uint8Array(count);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte & 31);
}

export type RandomDigits = (count: number) => number[];

function encodeTime(ms: number): string {
  let rest = Math.max(0, Math.floor(ms));
  let text = '';
  for (let i = 0; i < 10; i += 1) {
    text = alphabet[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

function encodeDigits(digits: number[]): string {
  return digits.map((digit) => alphabet[digit & 31]).join('');
}

/** A new device id: 8 random base32 characters. */
export function makeDeviceId(random: RandomDigits = cryptoDigits): string {
  return encodeDigits(random(8));
}

/** A new entry id for an entry written at `now` on `device`. */
export function makeEntryId(
  now: number,
  device: string,
  random: RandomDigits = cryptoDigits
): string {
  if (!deviceIdPattern.test(device)) throw new Error(`Not a device id: ${device}`);
  return encodeTime(now) + device + encodeDigits(random(8));
}

/** The time part of an entry id, in epoch ms. */
export function entryIdTime(id: string): number {
  let ms = 0;
  for (const char of id.slice(0, 10)) ms = ms * 32 + alphabet.indexOf(char);
  return ms;
}

import { BackupRefused } from './schema';

/**
 * Reading a backup file's bytes into a JSON value, with limits: the file's size, and the size
 * it inflates to, counted while decompressing (a small file that inflates to gigabytes is
 * stopped as soon as it passes the limit, never held whole). Plain JSON is read as well, so a
 * file a person has decompressed to read still restores.
 */

const MB = 1024 * 1024;

export interface BackupLimits {
  /** Largest file read, in bytes. */
  fileBytes: number;
  /** Largest text a file may inflate to, in bytes. */
  textBytes: number;
}

/** A year of daily study is about 5 MB compressed, 60 MB of text. */
export const backupLimits: BackupLimits = { fileBytes: 150 * MB, textBytes: 256 * MB };

const megabytes = (n: number) => `${Math.round(n / MB)} MB`;

/** Whether the bytes start like a gzip stream (RFC 1952: 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function startsLikeJson(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    if (byte === 0xef) continue; // a UTF-8 byte-order mark
    return byte === 0x7b; // {
  }
  return false;
}

export const notABackupFile =
  'This file is not a System Design Recall backup (it is neither a compressed backup nor JSON). Choose a file made by “Export backup”.';

/**
 * The file's text: decompressed when it is gzip, checked against the limits as it streams.
 * `progress` hears the file bytes read so far.
 */
export async function readBackupText(
  stream: ReadableStream<Uint8Array>,
  size: number,
  limits: BackupLimits = backupLimits,
  progress?: (bytesRead: number) => void
): Promise<string> {
  if (size > limits.fileBytes)
    throw new BackupRefused(
      `The file is ${megabytes(size)}; backups up to ${megabytes(limits.fileBytes)} can be restored.`
    );
  if (size === 0) throw new BackupRefused('The file is empty (0 bytes): it is not a backup.');
  const source = stream.getReader();
  const first = await source.read();
  const head = first.value ?? new Uint8Array();
  const gzip = isGzip(head);
  if (!gzip && !startsLikeJson(head)) {
    await source.cancel();
    throw new BackupRefused(notABackupFile);
  }
  let read = head.length;
  // The first chunk again, then the rest, counting file bytes as they pass.
  const counted = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length > 0) controller.enqueue(head);
      if (first.done) controller.close();
    },
    async pull(controller) {
      const next = await source.read();
      if (next.done) {
        controller.close();
        return;
      }
      read += next.value.length;
      progress?.(read);
      controller.enqueue(next.value);
    },
    cancel: (reason) => source.cancel(reason)
  });
  const text = gzip
    ? counted.pipeThrough(
        new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>
      )
    : counted;
  const reader = text.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let inflated = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      inflated += next.value.length;
      if (inflated > limits.textBytes) {
        await reader.cancel();
        throw new BackupRefused(
          `The file inflates to more than ${megabytes(limits.textBytes)} when decompressed, more than any backup; reading stopped there and it is refused.`
        );
      }
      parts.push(decoder.decode(next.value, { stream: true }));
    }
    parts.push(decoder.decode());
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    if (error instanceof TypeError && !gzip)
      throw new BackupRefused(
        'The file is not readable text (it is not UTF-8): it is not a backup.'
      );
    throw new BackupRefused(
      gzip
        ? 'The file is cut short or damaged: its compressed data does not end properly (truncated). Try another copy of the backup.'
        : 'The file could not be read to its end.'
    );
  }
  progress?.(size);
  return parts.join('');
}

/** The text as JSON; a file that is not JSON (after decompressing) is refused. */
export function parseBackupJson(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    throw new BackupRefused(
      'The file decompresses, but what is inside is not JSON (it is damaged, or not a backup).'
    );
  }
}

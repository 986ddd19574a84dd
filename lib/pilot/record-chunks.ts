/**
 * Chunks of a byte stream to whole records: a reader consumes the complete records at the start of the bytes
 * it is given and says how many bytes it used; the rest (a record that goes on in the next chunk) is carried
 * and put in front of the next chunk. Memory: one chunk plus one carried record.
 */

/** Reads the complete records at the start of `bytes`; `final` = no more bytes follow. Returns the bytes used. */
export type ConsumeRecords = (bytes: Uint8Array, final: boolean) => number;

/**
 * The carried, incomplete end of a stream's previous chunk.
 * @example
 * const chunks = new RecordChunks(1 << 16);
 * for (const c of stream) if (!chunks.write(c, consume)) throw new Error("record too long");
 * chunks.end(consume);
 */
export class RecordChunks {
  private carry = new Uint8Array(1 << 16);
  private carryLength = 0;

  /** @param maxRecordBytes the longest record that may be carried */
  constructor(private readonly maxRecordBytes: number) {}

  /** Bytes carried (the start of an incomplete record). */
  get pending(): number {
    return this.carryLength;
  }

  /** Forget the carried bytes (a new stream starts). */
  reset(): void {
    this.carryLength = 0;
  }

  /**
   * Feed a chunk: `consume` gets the carried bytes followed by the chunk (or the chunk itself when nothing is
   * carried). Returns false, carrying nothing, when the incomplete record left is longer than the limit.
   */
  write(chunk: Uint8Array, consume: ConsumeRecords): boolean {
    if (chunk.length === 0) return true;
    if (this.carryLength === 0) {
      // no record in progress: read the chunk where it lies, carry only its incomplete end
      const used = consume(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length), false);
      this.keep(chunk, used, chunk.length);
    } else {
      this.keep(chunk, 0, chunk.length);
      const used = consume(this.carry.subarray(0, this.carryLength), false);
      this.carry.copyWithin(0, used, this.carryLength);
      this.carryLength -= used;
    }
    if (this.carryLength <= this.maxRecordBytes) return true;
    this.carryLength = 0;
    return false;
  }

  /** The stream has ended: `consume` gets the carried bytes, if any, as final. */
  end(consume: ConsumeRecords): void {
    if (this.carryLength > 0) consume(this.carry.subarray(0, this.carryLength), true);
    this.carryLength = 0;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n === 0) return;
    if (this.carryLength + n > this.carry.length) {
      const grown = new Uint8Array(Math.max(2 * this.carry.length, this.carryLength + n));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLength);
    this.carryLength += n;
  }
}

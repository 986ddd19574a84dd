/**
 * Chunks of a byte stream to whole records: a reader consumes the complete records at the start of the bytes
 * it is given and says how many bytes it used; the rest (a record that goes on in the next chunk) is carried
 * and put in front of the next chunk. Memory: one chunk plus one carried record.
 */

const LF = 10;

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
  private consumed = 0;

  /** @param maxRecordBytes the longest record that may be carried */
  constructor(private readonly maxRecordBytes: number) {}

  /** Bytes carried (the start of an incomplete record). */
  get pending(): number {
    return this.carryLength;
  }

  /**
   * Where in the stream the bytes given to `consume` start (the bytes used so far): `consume` always gets the stream's
   * unused bytes from there on, carried or in place, so a position in them plus this is a position in the stream.
   */
  get offset(): number {
    return this.consumed;
  }

  /** Forget the carried bytes (a new stream starts). */
  reset(): void {
    this.carryLength = 0;
    this.consumed = 0;
  }

  /**
   * Feed a chunk: `consume` gets the carried bytes followed by the start of the chunk up to its first line feed
   * (which usually completes the carried record), then the rest of the chunk where it lies; only when the carried
   * record goes on past that line feed (a quoted line break) is the whole chunk carried and read from the carry.
   * The chunk's bytes are thus copied only as far as the record that straddles the chunks. Returns false,
   * carrying nothing, when the incomplete record left is longer than the limit.
   */
  write(chunk: Uint8Array, consume: ConsumeRecords): boolean {
    if (chunk.length === 0) return true;
    let from = 0;
    if (this.carryLength > 0) {
      const lf = chunk.indexOf(LF);
      from = lf < 0 ? chunk.length : lf + 1;
      this.keep(chunk, 0, from);
      this.consumeCarry(consume);
      if (this.carryLength > 0 && from < chunk.length) {
        this.keep(chunk, from, chunk.length);
        from = chunk.length;
        this.consumeCarry(consume);
      }
    }
    if (from < chunk.length) {
      // no record in progress: read the chunk where it lies, carry only its incomplete end
      const used = consume(new Uint8Array(chunk.buffer, chunk.byteOffset + from, chunk.length - from), false);
      this.consumed += used;
      this.keep(chunk, from + used, chunk.length);
    }
    if (this.carryLength <= this.maxRecordBytes) return true;
    this.carryLength = 0;
    return false;
  }

  /** Read the complete records of the carry; keep what is left of it. */
  private consumeCarry(consume: ConsumeRecords): void {
    const used = consume(this.carry.subarray(0, this.carryLength), false);
    this.consumed += used;
    this.carry.copyWithin(0, used, this.carryLength);
    this.carryLength -= used;
  }

  /** The stream has ended: `consume` gets the carried bytes, if any, as final. */
  end(consume: ConsumeRecords): void {
    if (this.carryLength > 0) this.consumed += consume(this.carry.subarray(0, this.carryLength), true);
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

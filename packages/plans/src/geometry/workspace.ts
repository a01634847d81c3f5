/**
 * Reusable typed arrays for raster passes. A level's analysis needs a dozen arrays the size of its raster;
 * allocating them afresh for every level makes the garbage collector the slowest part of a 20-level site.
 * Arrays are handed out zeroed (or filled) and stay valid until the same name is asked for again.
 */
export class RasterWorkspace {
  private readonly buffers = new Map<string, ArrayBufferLike>();

  private buffer(name: string, bytes: number): ArrayBufferLike {
    const existing = this.buffers.get(name);
    if (existing && existing.byteLength >= bytes) return existing;
    const fresh = new ArrayBuffer(Math.ceil(bytes * 1.25));
    this.buffers.set(name, fresh);
    return fresh;
  }

  u8(name: string, length: number, fill = 0): Uint8Array {
    return new Uint8Array(this.buffer(name, length), 0, length).fill(fill);
  }

  /** `fill` null: the contents are whatever the last user left (for arrays written before they are read). */
  i32(name: string, length: number, fill: number | null = 0): Int32Array {
    const array = new Int32Array(this.buffer(name, length * 4), 0, length);
    return fill === null ? array : array.fill(fill);
  }

  f32(name: string, length: number, fill = 0): Float32Array {
    return new Float32Array(this.buffer(name, length * 4), 0, length).fill(fill);
  }

  f64(name: string, length: number, fill = 0): Float64Array {
    return new Float64Array(this.buffer(name, length * 8), 0, length).fill(fill);
  }
}

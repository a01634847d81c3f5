/** Append-only typed columns and an interning table: the storage under every encoded field. */

export class Int32Column {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.data[index] as number;
  }
}

const CACHE_SIZE = 4096;

/** Assigns dense ids to distinct strings and keeps a count per id (for term frequencies). */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  readonly counts = new Int32Column(256);

  // A small direct-mapped cache in front of the map: names repeat (Mohammad, Fatima), and comparing a
  // short string with the cached one is cheaper than a lookup in a map of a hundred thousand entries.
  private readonly cacheKeys = new Array<string | undefined>(CACHE_SIZE);
  private readonly cacheIds = new Int32Array(CACHE_SIZE);

  /** The id of `value`, creating it if new (count 0). */
  idOf(value: string): number {
    const length = value.length;
    const slot =
      length === 0
        ? 0
        : (length * 31 +
            value.charCodeAt(0) * 7 +
            value.charCodeAt(length - 1) * 13 +
            value.charCodeAt(length >> 1)) &
          (CACHE_SIZE - 1);
    if (this.cacheKeys[slot] === value) return this.cacheIds[slot] as number;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
      this.counts.push(0);
    }
    this.cacheKeys[slot] = value;
    this.cacheIds[slot] = id;
    return id;
  }

  /**
   * The id of `value`, creating it if new; `isNew` tells which (one hash lookup, where find + idOf would
   * take two: this runs for every cell of a million-row file).
   */
  intern(value: string): number {
    const size = this.values.length;
    const id = this.idOf(value);
    this.lastWasNew = id === size;
    return id;
  }

  /** Whether the last intern() created the value. */
  lastWasNew = false;

  /** The id of `value` if it exists, otherwise -1. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  count(id: number): void {
    this.counts.data[id] = (this.counts.data[id] as number) + 1;
  }

  get size(): number {
    return this.values.length;
  }
}

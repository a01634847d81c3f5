/**
 * Receipt codes for the public inquiry form: 16 symbols of Crockford's base32 (80 random bits), written as
 * four groups of four, `7K3Q-M9XD-2HWB-ZC4R`. Crockford's alphabet has no I, L, O or U, and reading it back
 * maps I and L to 1 and O to 0, so a code read over the phone or copied by hand still works. 80 bits make
 * guessing hopeless even without the rate limit; the server stores only a hash of the code.
 * Reference: Douglas Crockford, "Base32" (https://www.crockford.com/base32.html).
 */

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_SYMBOLS = 16;
export const RECEIPT_BYTES = 10; // 16 symbols × 5 bits = 80 bits

/**
 * A new code from RECEIPT_BYTES random bytes. The caller supplies the bytes (a CSPRNG: `crypto.randomBytes`
 * on the server), which keeps this module pure and testable.
 */
export function receiptCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== RECEIPT_BYTES)
    throw new RangeError(`a receipt code needs ${RECEIPT_BYTES} random bytes`);
  let symbols = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      symbols += CROCKFORD_ALPHABET.charAt((buffer >> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  return formatReceiptCode(symbols);
}

/** `7K3QM9XD2HWBZC4R` → `7K3Q-M9XD-2HWB-ZC4R`. */
export function formatReceiptCode(symbols: string): string {
  return symbols.match(/.{1,4}/g)?.join("-") ?? "";
}

/**
 * The canonical form of a typed code (16 symbols, no separators), or null when it cannot be one: case,
 * spaces and dashes ignored, I/L read as 1 and O as 0 (Crockford's decoding rules).
 */
export function canonicalReceiptCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (compact.length !== RECEIPT_SYMBOLS) return null;
  for (const symbol of compact) if (!CROCKFORD_ALPHABET.includes(symbol)) return null;
  return compact;
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CROCKFORD_ALPHABET,
  canonicalReceiptCode,
  RECEIPT_BYTES,
  receiptCodeFromBytes,
} from "../src/receipt-code";

/** Decodes the 16 symbols back to 10 bytes: the test's own inverse, to show no bit is lost. */
function decode(canonical: string): Uint8Array {
  let value = 0n;
  for (const symbol of canonical) value = (value << 5n) | BigInt(CROCKFORD_ALPHABET.indexOf(symbol));
  const bytes = new Uint8Array(RECEIPT_BYTES);
  for (let i = RECEIPT_BYTES - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

describe("receipt codes", () => {
  it("writes 80 bits as four groups of four Crockford symbols, losslessly", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: RECEIPT_BYTES, maxLength: RECEIPT_BYTES }), (bytes) => {
        const code = receiptCodeFromBytes(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
        expect(decode(canonicalReceiptCode(code) as string)).toEqual(bytes);
      }),
    );
    expect(receiptCodeFromBytes(new Uint8Array(10))).toBe("0000-0000-0000-0000");
    expect(receiptCodeFromBytes(new Uint8Array(10).fill(255))).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  });

  it("reads a code typed carelessly: case, spaces, and the letters Crockford maps to digits", () => {
    expect(canonicalReceiptCode("7k3q m9xd-2hwb zc4r")).toBe("7K3QM9XD2HWBZC4R");
    expect(canonicalReceiptCode("O1IL-0000-0000-0000")).toBe("0111000000000000");
    expect(canonicalReceiptCode("7K3Q-M9XD-2HWB-ZC4")).toBeNull();
    expect(canonicalReceiptCode("7K3Q-M9XD-2HWB-ZC4U")).toBeNull(); // U is not in the alphabet
    expect(() => receiptCodeFromBytes(new Uint8Array(9))).toThrow(RangeError);
  });
});

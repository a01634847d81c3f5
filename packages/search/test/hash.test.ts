import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJsonStrict } from "../src/canonical-json";
import { searchLogHash } from "../src/log-hash";
import { sha256Hex, utf8Encode } from "../src/sha256";

describe("SHA-256 against the NIST example vectors (FIPS 180-2 appendix B)", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
    [
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    ],
  ])("hashes %j", (message, digest) => {
    expect(sha256Hex(message)).toBe(digest);
  });

  it("hashes one million 'a'", () => {
    expect(sha256Hex("a".repeat(1_000_000))).toBe(
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    );
  });

  it("agrees with node:crypto on any text, Arabic and astral characters included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(Buffer.from(utf8Encode(text)).equals(Buffer.from(text, "utf8"))).toBe(true);
        return sha256Hex(text) === createHash("sha256").update(text, "utf8").digest("hex");
      }),
    );
    expect(sha256Hex("أثر")).toBe(createHash("sha256").update("أثر", "utf8").digest("hex"));
  });
});

describe("canonical JSON (RFC 8785)", () => {
  it("sorts keys, drops whitespace and writes numbers as ECMAScript does", () => {
    expect(canonicalJsonStrict({ b: [1, 2e21, 0.1, -0], a: { y: null, x: "é\n" } })).toBe(
      '{"a":{"x":"é\\n","y":null},"b":[1,2e+21,0.1,0]}',
    );
  });

  it("is independent of key order and round-trips", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJsonStrict(value);
        const reordered = JSON.parse(JSON.stringify(value), (_key, v) =>
          v && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        return canonicalJsonStrict(reordered) === text && canonicalJsonStrict(JSON.parse(text)) === text;
      }),
    );
  });

  it("sorts integer-like keys as strings too (JavaScript enumerates them first, numerically)", () => {
    expect(canonicalJsonStrict({ b: 1, "10": 2, "2": 3, a: { "1": true, x: [1, { "0": 0 }] } })).toBe(
      '{"10":2,"2":3,"a":{"1":true,"x":[1,{"0":0}]},"b":1}',
    );
  });

  it("refuses what JSON cannot carry", () => {
    expect(() => canonicalJsonStrict({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJsonStrict([undefined])).toThrow(TypeError);
    expect(() => canonicalJsonStrict({ a: [1, Number.POSITIVE_INFINITY] })).toThrow(TypeError);
    expect(() => canonicalJsonStrict({ "1": Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJsonStrict({ f: () => 1 })).toThrow(TypeError);
  });

  it("gives a log hash that changes with any change", () => {
    const log = [
      { id: "e1", at: "2024-12-09T10:00:00Z", type: "segment.added", segment: { id: "A", kind: "space" } },
    ];
    const hash = searchLogHash(log);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(searchLogHash([{ ...log[0], at: "2024-12-09T10:00:01Z" }])).not.toBe(hash);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeXmlAttribute, escapeXmlText, isElement, parseXml, textOf, XmlError } from "../src/pfif/xml";

describe("XML reader", () => {
  it("reads elements, namespaces (scoped and default), attributes, entities, CDATA and comments", () => {
    const root = parseXml(
      `<?xml version="1.0"?>\r\n<!-- c --><a:root xmlns:a="urn:a" xmlns="urn:d" x='1 &amp; 2'>` +
        `<child>t&lt;&#65;&#x42;<![CDATA[<raw>&amp;]]></child><a:empty/><inner xmlns="urn:e"><deep/></inner></a:root>`,
    );
    expect(root.name).toEqual({ ns: "urn:a", local: "root" });
    expect(root.attributes).toEqual({ x: "1 & 2" });
    const [child, empty, inner] = root.children.filter(isElement);
    expect(child?.name).toEqual({ ns: "urn:d", local: "child" });
    if (!child || !inner) throw new Error("children missing");
    expect(textOf(child)).toBe("t<AB<raw>&amp;");
    expect(empty?.name).toEqual({ ns: "urn:a", local: "empty" });
    expect((inner.children[0] as { name: unknown }).name).toEqual({ ns: "urn:e", local: "deep" });
  });

  it("refuses what is not well formed, naming the line", () => {
    const cases: [string, RegExp][] = [
      ["<a><b></a>", /does not match/],
      ["<a>", /not closed/],
      ["<a/><b/>", /one root/],
      ["<a>&nbsp;</a>", /unknown entity/],
      ["<a>&amp</a>", /entity/],
      ["<p:a/>", /not declared/],
      ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /document type/],
      ["<a x=1/>", /not quoted/],
      ['<a x="1" x="2"/>', /twice/],
      ["text<a/>", /outside the root/],
      ["<a>&#0;</a>", /not allowed/],
    ];
    for (const [xml, message] of cases) expect(() => parseXml(xml), xml).toThrow(message);
    try {
      parseXml("<a>\n\n<b>\n</a>");
    } catch (error) {
      expect(error).toBeInstanceOf(XmlError);
      expect((error as XmlError).line).toBe(4);
    }
  });

  it("reads back any text it escapes (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const root = parseXml(`<a v="${escapeXmlAttribute(text)}">${escapeXmlText(text)}</a>`);
        const expected = text
          .replace(/\r\n?/g, "\n")
          .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
        expect(textOf(root)).toBe(expected);
        expect(root.attributes.v).toBe(expected.replace(/[\t\n]/g, " "));
      }),
    );
  });
});

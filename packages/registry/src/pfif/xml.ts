/**
 * A small, strict XML reader for data documents such as PFIF: elements, attributes, namespaces, text,
 * CDATA, comments, processing instructions and the five predefined entities plus character references.
 * Document type declarations are refused (they bring entity expansion attacks and external entities, and a
 * data exchange file has no need of them). Errors name the line.
 */

export interface XmlName {
  /** Namespace URI, "" when none. */
  ns: string;
  local: string;
}

export interface XmlElement {
  name: XmlName;
  /** Attributes other than namespace declarations, by qualified name as written. */
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "XmlError";
  }
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Characters XML 1.0 allows in a document (https://www.w3.org/TR/xml/#charsets). */
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const stripInvalidXmlChars = (text: string): string => text.replace(INVALID_XML_CHARS, "");

export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, "&quot;");
}

interface PendingElement {
  element: XmlElement;
  qname: string;
  namespaces: Map<string, string>;
}

export function parseXml(input: string): XmlElement {
  // XML end-of-line handling: CRLF and lone CR become LF before parsing.
  const text = input.replace(/\r\n?/g, "\n");
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const stack: PendingElement[] = [];
  let root: XmlElement | null = null;

  const fail = (message: string): never => {
    throw new XmlError(line, message);
  };
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (text.charCodeAt(i) === 10) line++;
    pos = to;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
      if (!match.endsWith(";")) fail(`"&" must start an entity such as &amp;`);
      if (body.startsWith("#x")) return codePoint(Number.parseInt(body.slice(2), 16), match);
      if (body.startsWith("#")) return codePoint(Number.parseInt(body.slice(1), 10), match);
      const value = PREDEFINED[body];
      if (value === undefined) fail(`unknown entity ${match}`);
      return value as string;
    });
  const codePoint = (value: number, match: string): string => {
    if (!Number.isInteger(value) || value < 0 || value > 0x10ffff) fail(`bad character reference ${match}`);
    const char = String.fromCodePoint(value);
    if (stripInvalidXmlChars(char) === "") fail(`character reference ${match} is not allowed in XML`);
    return char;
  };
  const resolve = (qname: string, namespaces: Map<string, string>, isAttribute: boolean): XmlName => {
    const colon = qname.indexOf(":");
    if (colon < 0) return { ns: isAttribute ? "" : (namespaces.get("") ?? ""), local: qname };
    const prefix = qname.slice(0, colon);
    const ns = prefix === "xml" ? "http://www.w3.org/XML/1998/namespace" : namespaces.get(prefix);
    if (ns === undefined) fail(`namespace prefix "${prefix}" is not declared`);
    return { ns: ns as string, local: qname.slice(colon + 1) };
  };
  const addText = (value: string) => {
    const top = stack.at(-1);
    if (top) {
      const last = top.element.children.at(-1);
      if (typeof last === "string") top.element.children[top.element.children.length - 1] = last + value;
      else top.element.children.push(value);
    } else if (value.trim() !== "") {
      fail("text outside the root element");
    }
  };

  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) {
      const rest = text.slice(pos);
      if (rest.includes("&")) decode(rest);
      addText(rest);
      advance(text.length);
      break;
    }
    if (lt > pos) {
      const raw = text.slice(pos, lt);
      if (raw.includes("]]>")) fail(`"]]>" is not allowed in text`);
      addText(decode(raw));
      advance(lt);
    }
    if (text.startsWith("<!--", pos)) {
      const end = text.indexOf("-->", pos + 4);
      if (end < 0) fail("comment is not closed");
      advance(end + 3);
    } else if (text.startsWith("<![CDATA[", pos)) {
      const end = text.indexOf("]]>", pos + 9);
      if (end < 0) fail("CDATA section is not closed");
      if (stack.length === 0) fail("CDATA outside the root element");
      addText(text.slice(pos + 9, end));
      advance(end + 3);
    } else if (text.startsWith("<!DOCTYPE", pos) || text.startsWith("<!", pos)) {
      fail("document type declarations are not accepted");
    } else if (text.startsWith("<?", pos)) {
      const end = text.indexOf("?>", pos + 2);
      if (end < 0) fail("processing instruction is not closed");
      advance(end + 2);
    } else if (text.startsWith("</", pos)) {
      const match = NAME.exec(text.slice(pos + 2, pos + 2 + 300));
      if (!match) fail("bad end tag");
      const qname = (match as RegExpExecArray)[0];
      let end = pos + 2 + qname.length;
      while (end < text.length && /\s/.test(text.charAt(end))) end++;
      if (text.charAt(end) !== ">") fail(`end tag </${qname}> is not closed`);
      const open = stack.pop();
      if (!open) fail(`end tag </${qname}> without a start tag`);
      if ((open as PendingElement).qname !== qname) {
        fail(`end tag </${qname}> does not match <${(open as PendingElement).qname}>`);
      }
      advance(end + 1);
    } else {
      if (root !== null && stack.length === 0) fail("a document has one root element");
      const startLine = line;
      const match = NAME.exec(text.slice(pos + 1, pos + 1 + 300));
      if (!match) fail("bad start tag");
      const qname = (match as RegExpExecArray)[0];
      let cursor = pos + 1 + qname.length;
      const rawAttributes: [string, string][] = [];
      let selfClosing = false;
      for (;;) {
        const spaceStart = cursor;
        while (cursor < text.length && /\s/.test(text.charAt(cursor))) cursor++;
        const c = text.charAt(cursor);
        if (c === ">") {
          cursor++;
          break;
        }
        if (c === "/" && text.charAt(cursor + 1) === ">") {
          selfClosing = true;
          cursor += 2;
          break;
        }
        if (cursor === spaceStart) fail(`expected a space or the end of <${qname}>`);
        const attribute = NAME.exec(text.slice(cursor, cursor + 300));
        if (!attribute) fail(`bad attribute in <${qname}>`);
        const attributeName = (attribute as RegExpExecArray)[0];
        cursor += attributeName.length;
        while (/\s/.test(text.charAt(cursor))) cursor++;
        if (text.charAt(cursor) !== "=") fail(`attribute ${attributeName} has no value`);
        cursor++;
        while (/\s/.test(text.charAt(cursor))) cursor++;
        const quote = text.charAt(cursor);
        if (quote !== '"' && quote !== "'") fail(`attribute ${attributeName}'s value is not quoted`);
        const close = text.indexOf(quote, cursor + 1);
        if (close < 0) fail(`attribute ${attributeName}'s value is not closed`);
        const value = text.slice(cursor + 1, close);
        if (value.includes("<")) fail(`"<" in the value of attribute ${attributeName}`);
        if (rawAttributes.some(([n]) => n === attributeName))
          fail(`attribute ${attributeName} appears twice`);
        rawAttributes.push([attributeName, decode(value).replace(/[\t\n]/g, " ")]);
        cursor = close + 1;
        if (cursor >= text.length) fail(`<${qname}> is not closed`);
      }
      const parentNamespaces = stack.at(-1)?.namespaces ?? new Map<string, string>();
      const namespaces = new Map(parentNamespaces);
      for (const [attributeName, value] of rawAttributes) {
        if (attributeName === "xmlns") namespaces.set("", value);
        else if (attributeName.startsWith("xmlns:")) namespaces.set(attributeName.slice(6), value);
      }
      const attributes: Record<string, string> = {};
      for (const [attributeName, value] of rawAttributes) {
        if (attributeName === "xmlns" || attributeName.startsWith("xmlns:")) continue;
        resolve(attributeName, namespaces, true);
        attributes[attributeName] = value;
      }
      const element: XmlElement = {
        name: resolve(qname, namespaces, false),
        attributes,
        children: [],
        line: startLine,
      };
      const parent = stack.at(-1);
      if (parent) parent.element.children.push(element);
      else root = element;
      advance(cursor);
      if (!selfClosing) stack.push({ element, qname, namespaces });
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)?.qname}> is not closed`);
  if (root === null) fail("the document has no root element");
  return root as unknown as XmlElement;
}

export const isElement = (node: XmlNode): node is XmlElement => typeof node !== "string";

/** The concatenated text of an element's text children (not of its descendants). */
export const textOf = (element: XmlElement): string =>
  element.children.filter((c): c is string => typeof c === "string").join("");

/** The PDF object model the incremental writer needs: just enough to copy and change a few dictionaries. */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(readonly num: number, readonly gen: number) {}
}

/** A literal or hex string, kept as bytes: PDF strings are not text until a field says so. */
export class PdfString {
  constructor(readonly bytes: Uint8Array, readonly hex = false) {}
}

export class PdfDict {
  constructor(readonly entries = new Map<string, PdfValue>()) {}

  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: PdfValue): this {
    this.entries.set(key, value);
    return this;
  }

  /** A shallow copy, so a changed copy of an object never alters the parsed original. */
  clone(): PdfDict {
    return new PdfDict(new Map(this.entries));
  }
}

/** A stream as it sits in the file: its dictionary, where its data starts, and its object number and generation (which key encrypted data). */
export class PdfStream {
  constructor(readonly dict: PdfDict, readonly dataOffset: number, readonly num = 0, readonly gen = 0) {}
}

export type PdfValue = null | boolean | number | PdfName | PdfRef | PdfString | PdfDict | PdfValue[] | PdfStream;

export function name(value: string): PdfName {
  return new PdfName(value);
}

export function dict(entries: Record<string, PdfValue>): PdfDict {
  return new PdfDict(new Map(Object.entries(entries)));
}

export function isName(value: PdfValue | undefined, expected?: string): value is PdfName {
  return value instanceof PdfName && (expected === undefined || value.name === expected);
}

export function asNumber(value: PdfValue | undefined, what: string): number {
  if (typeof value !== 'number') throw new PdfFormatError(`${what} is not a number`);
  return value;
}

export function asDict(value: PdfValue | undefined, what: string): PdfDict {
  if (value instanceof PdfDict) return value;
  if (value instanceof PdfStream) return value.dict;
  throw new PdfFormatError(`${what} is not a dictionary`);
}

/** The file is not a PDF this writer can safely append to; the message says why. */
export class PdfFormatError extends Error {
  constructor(message: string) {
    super(`PDF cannot be read: ${message}`);
    this.name = 'PdfFormatError';
  }
}

// Typed ingest errors; each knows its HTTP status so one adapter can map them.
// Messages are fixed English text: never request bytes, attribute values or parser output.

export abstract class OtlpRequestError extends Error {
  abstract readonly status: number;
}

/** Undecodable body (garbage, truncated protobuf, invalid JSON, wrong shape). */
export class OtlpDecodeError extends OtlpRequestError {
  readonly status = 400;
  constructor(message = "request body is not a valid OTLP ExportTraceServiceRequest") {
    super(message);
    this.name = "OtlpDecodeError";
  }
}

export class UnsupportedMediaTypeError extends OtlpRequestError {
  readonly status = 415;
  constructor(message = "Content-Type must be application/x-protobuf or application/json") {
    super(message);
    this.name = "UnsupportedMediaTypeError";
  }
}

export class UnsupportedEncodingError extends OtlpRequestError {
  readonly status = 415;
  constructor(message = "Content-Encoding must be gzip, deflate or identity") {
    super(message);
    this.name = "UnsupportedEncodingError";
  }
}

/** Body larger than the limit, before or after decompression. */
export class PayloadTooLargeError extends OtlpRequestError {
  readonly status = 413;
  constructor(readonly maxBytes: number) {
    super(`request body exceeds ${maxBytes} bytes after decompression`);
    this.name = "PayloadTooLargeError";
  }
}

// Building schemas on first use: a route's body, an answer or a record is `z.lazy(...)`, and the field
// sets several of them share are built once, by the first getter that needs them.

/** `make()`'s value, made on the first call and kept. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

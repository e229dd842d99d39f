/** Time, given to the core so rules stay pure and tests can fix it. */
export interface Clock {
  now(): Date
}

/** New ids (UUIDv7 in production: sortable and index friendly). */
export interface Ids {
  next(): string
}

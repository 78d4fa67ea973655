// The feedback service as a writer: its name is the `source` of its events.
export const SERVICE = 'feedback';

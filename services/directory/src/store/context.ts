// The directory as a writer: its name is the `source` of its events (through the kit's StoreContext,
// `@liaison/kit/store-context`) and names its work.
export const SERVICE = 'directory';

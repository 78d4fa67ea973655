// Shared contracts: field schemas, the directory's records, and the domain-event registry.
export * from './fields';
export * from './directory';
export * from './events';

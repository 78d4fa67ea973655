// Shared contracts: field schemas, the directory's and logistics' records, and the domain-event registry.
export * from './fields';
export * from './directory';
export * from './logistics';
export * from './feedback';
export * from './notifications';
export * from './events';

export * from './agents';
export * from './audit';
export * from './common';
export * from './errors';
export * from './identity';

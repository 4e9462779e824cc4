export * from './agents';
export * from './audit';
export * from './common';
export * from './contacts';
export * from './crm-settings';
export * from './custom-fields';
export * from './errors';
export * from './identity';

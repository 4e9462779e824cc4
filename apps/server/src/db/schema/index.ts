export * from './agents';
export * from './audit';
export * from './auth';
export * from './contacts';
export * from './crm';
export * from './mail';
export * from './organizations';
export * from './system';

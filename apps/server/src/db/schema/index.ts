export * from './agents';
export * from './audit';
export * from './auth';
export * from './mail';
export * from './organizations';
export * from './system';

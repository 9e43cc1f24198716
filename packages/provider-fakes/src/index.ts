export * from './server.js';
export * from './stripe.js';

export * from '../../src/playground/bot-api-server.ts';

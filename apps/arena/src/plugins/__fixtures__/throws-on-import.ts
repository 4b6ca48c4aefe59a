export {};
throw new Error('boom at import');

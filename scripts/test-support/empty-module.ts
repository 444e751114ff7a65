// Stands in for the "server-only" guard package in tests: Vitest runs server modules outside React's
// server bundle, where the real package would throw on import by design.
export {};

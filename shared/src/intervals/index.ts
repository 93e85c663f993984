// Placeholder until the module lands; exports nothing.
export {};

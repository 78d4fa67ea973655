// Placeholder for the outbox relay (scheduled every minute); the real one lands with the events module.
export const handler = async (): Promise<void> => {};

// PLACEHOLDER replaced by the chat branch's guard before merging.
export async function checkPublicEndpoint(_url: string): Promise<void> {}

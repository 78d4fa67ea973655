// Placeholder while the HTTP handler is written; replaced in the next commit.
export const handler = async () => ({ statusCode: 503, body: '' });
